/* lock-holder.c: a client that signs in, takes a record lock, says "held" and waits to be
 * killed: the crash the check-alive rule must survive.
 * Usage: lock-holder SOCKET-DIR LOGIN PASSWORD DATABASE KIND ID
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "fd-lock-manager.h"

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

  locks = fd_lock_manager_new (session);
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
