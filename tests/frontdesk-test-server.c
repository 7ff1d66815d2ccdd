/* frontdesk-test-server.c: starts one throwaway PostgreSQL, runs a command with it named in
 * FRONTDESK_TEST_SOCKET_DIR and FRONTDESK_TEST_USER, then stops it. tools/test runs the
 * whole suite inside it, so every test program shares one server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "fd-test-server.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FdEmbeddedServer) server = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  int first = 1;
  int status;

  if (argc > 1 && g_str_equal (argv[1], "--"))
    first = 2;
  if (first >= argc)
    {
      fprintf (stderr, "Usage: %s -- COMMAND [ARGUMENT…]\n", argv[0]);
      return 2;
    }

  folder = fd_test_make_temp_dir ("run");
  server = fd_test_start_private_server (folder);
  fprintf (stderr, "Test server: PostgreSQL on socket %s (pid %d)\n",
           fd_embedded_server_get_socket_dir (server), fd_embedded_server_get_pid (server));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "FRONTDESK_TEST_SOCKET_DIR",
                                fd_embedded_server_get_socket_dir (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "FRONTDESK_TEST_USER",
                                fd_embedded_server_get_user (server), TRUE);

  command = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv + first, &error);
  if (command == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      status = 2;
    }
  else
    {
      g_subprocess_wait (command, NULL, NULL);
      status = g_subprocess_get_if_exited (command) ? g_subprocess_get_exit_status (command) : 1;
    }

  fd_embedded_server_stop (server);
  fd_test_remove_tree (folder);
  return status;
}
