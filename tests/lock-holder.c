/* lock-holder.c: a client that signs in, takes a record lock (or, with the kind
 * "save-context", enters a data context and so takes its save lock), says "held" and waits
 * to be killed: the crash the check-alive rule must survive. With the kind "slot" and the id
 * "OPERATORY DAY MINUTE" it holds 30 minutes there for a booking instead; with a KIND
 * "ask:clients" it asks whoever holds that record to release it, says "asked" and waits:
 * an asker that vanishes while its request is pending.
 * Usage: lock-holder SOCKET-DIR LOGIN PASSWORD DATABASE KIND ID
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>

#include "fd-lock-manager.h"
#include "fd-pg.h"
#include "fd-slot-hold.h"

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

int
main (int   argc,
      char *argv[])
{
  const char *keywords[] = { "host", "user", "password", "dbname", NULL };
  g_autoptr(FdConnection) connection = NULL;
  g_autoptr(FdSession) session = NULL;
  g_autoptr(FdLockManager) locks = NULL;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A test that fails while this waits must not leave it running (and meson waiting). */
  prctl (PR_SET_PDEATHSIG, SIGKILL);

  if (argc != 7)
    {
      fprintf (stderr, "Usage: %s SOCKET-DIR LOGIN PASSWORD DATABASE KIND ID\n", argv[0]);
      return 2;
    }

  connection = fd_connection_new (keywords, (const char * const *) argv + 1);
  fd_connection_open_async (connection, NULL, store_cb, &result);
  if (!fd_connection_open_finish (connection, wait_for (&result), &error))
    goto failed;

  fd_session_open_async (connection, "Crashing desk", NULL, store_cb, &result);
  session = fd_session_open_finish (wait_for (&result), &error);
  if (session == NULL)
    goto failed;

  if (g_str_equal (argv[5], "save-context"))
    {
      const char *params[] = { argv[6] };
      g_autoptr(PGresult) entered = NULL;

      g_autoptr(PGresult) status = NULL;

      fd_connection_query_async (connection, "SELECT frontdesk.context_enter($1, 'Crash test')",
                                 1, params, NULL, store_cb, &result);
      entered = fd_connection_query_finish (connection, wait_for (&result), &error);
      if (entered == NULL)
        goto failed;
      /* A statement of its own: one statement sees the lock as it was when it began. */
      fd_connection_query_async (connection,
                                 "SELECT mine FROM frontdesk.context_status($1)",
                                 1, params, NULL, store_cb, &result);
      status = fd_connection_query_finish (connection, wait_for (&result), &error);
      if (status == NULL)
        goto failed;
      printf (g_str_equal (PQgetvalue (status, 0, 0), "t") ? "held\n" : "not held\n");
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }

  if (g_str_equal (argv[5], "slot"))
    {
      g_auto(GStrv) slot = g_strsplit (argv[6], " ", 3);

      fd_slot_hold_async (connection, slot[0], slot[1], atoi (slot[2]), 30, FALSE, NULL,
                          store_cb, &result);
      printf (fd_slot_hold_finish (connection, wait_for (&result), NULL, &error) ? "held\n"
                                                                                : "not held\n");
      if (error != NULL)
        goto failed;
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }

  locks = fd_lock_manager_new (session);
  if (g_str_has_prefix (argv[5], "ask:"))
    {
      fd_lock_manager_acquire_async (locks, argv[5] + 4, argv[6], NULL, store_cb, &result);
      if (!fd_lock_manager_acquire_finish (locks, wait_for (&result), &holder, &error))
        goto failed;
      if (holder == NULL)
        {
          printf ("not held by another desk\n");
          return 1;
        }
      fd_lock_manager_ask_release_async (locks, argv[5] + 4, argv[6], holder->session_id, NULL,
                                         store_cb, &result);
      fd_lock_manager_ask_release_finish (locks, wait_for (&result), &error);
      if (error != NULL)
        goto failed;
      printf ("asked\n");
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }

  fd_lock_manager_acquire_async (locks, argv[5], argv[6], NULL, store_cb, &result);
  if (!fd_lock_manager_acquire_finish (locks, wait_for (&result), &holder, &error))
    goto failed;

  printf (holder == NULL ? "held\n" : "not held\n");
  fflush (stdout);

  for (;;)
    g_main_context_iteration (NULL, TRUE);

failed:
  fprintf (stderr, "lock-holder: %s\n", error->message);
  return 1;
}
