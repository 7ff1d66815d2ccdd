/* fd-embedded-server-start.c: starting the server: the folder and its locks, initdb on first
 * use, the postmaster, and waiting until it answers, or joining the one already running.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/un.h>
#include <unistd.h>

#include "fd-embedded-server-private.h"

static void inspect_cluster (GTask *task);
static void check_running   (GTask *task);

static void
start_data_free (StartData *data)
{
  g_clear_handle_id (&data->source, g_source_remove);
  g_free (data);
}

void
_fd_embedded_server_close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
report_progress (FdEmbeddedServer *self,
                 const char       *message)
{
  g_debug ("Embedded server: %s", message);
  _fd_embedded_server_emit_progress (self, message);
}

void
_fd_embedded_server_release_startup_lock (FdEmbeddedServer *self)
{
  if (self->startup_lock_fd >= 0)
    {
      flock (self->startup_lock_fd, LOCK_UN);
      _fd_embedded_server_close_fd (&self->startup_lock_fd);
    }
}

static void
fail_start (GTask  *task,
            GError *error)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);

  _fd_embedded_server_release_startup_lock (self);
  if (self->clients_lock_fd >= 0)
    _fd_embedded_server_close_fd (&self->clients_lock_fd);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
succeed_start (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);

  _fd_embedded_server_release_startup_lock (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Waiting: every POLL_INTERVAL_MS, until check() says it is done or the deadline passes. */

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  StartData *data = g_task_get_task_data (task);

  data->source = 0;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      fail_start (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("Starting the practice database was cancelled.")));
      return G_SOURCE_REMOVE;
    }

  if (data->check (task))
    return G_SOURCE_REMOVE;

  if (g_get_monotonic_time () > data->deadline)
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_BUSY,
                                     _("The practice database in %s did not become ready in "
                                       "time. See %s for what the server said."),
                                     ((FdEmbeddedServer *) g_task_get_source_object (task))->folder,
                                     ((FdEmbeddedServer *) g_task_get_source_object (task))->log_path));
      return G_SOURCE_REMOVE;
    }

  data->source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, task);
  return G_SOURCE_REMOVE;
}

static void
wait_until (GTask    *task,
            PollFunc  check,
            guint     limit_s)
{
  StartData *data = g_task_get_task_data (task);

  data->check = check;
  data->deadline = g_get_monotonic_time () + (gint64) limit_s * G_USEC_PER_SEC;
  if (!check (task))
    data->source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, task);
}

/* The postmaster.pid file ------------------------------------------------------------------ */

/* A postmaster works in its data folder; after a reboot the pid may be any other postgres. */
static gboolean
process_works_in (GPid        pid,
                  const char *folder)
{
  g_autofree char *cwd_link = g_strdup_printf ("/proc/%d/cwd", pid);
  g_autofree char *cwd = g_file_read_link (cwd_link, NULL);
  g_autofree char *wanted = realpath (folder, NULL);

  /* Unreadable (another account's process, no /proc): the other checks decide. */
  if (cwd == NULL || wanted == NULL)
    return TRUE;

  return g_str_equal (cwd, wanted);
}

static gboolean
process_is_postgres (GPid pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *after_name;

  if (kill (pid, 0) != 0 && errno != EPERM)
    return FALSE;

  /* Without /proc, a live pid is the best evidence there is. */
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;

  /* "1234 (postgres) S …": a zombie left by kill -9 is not a server. */
  after_name = strrchr (stat, ')');
  return strstr (stat, "(postgres)") != NULL && after_name != NULL &&
         after_name[1] == ' ' && after_name[2] != 'Z';
}

ServerStatus
_fd_embedded_server_read_server_status (FdEmbeddedServer *self,
                                        GPid             *pid_out)
{
  g_autofree char *pid_path = g_build_filename (self->cluster_dir, "postmaster.pid", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPid pid;

  *pid_out = 0;
  if (!g_file_get_contents (pid_path, &contents, NULL, NULL))
    return SERVER_ABSENT;

  /* PostgreSQL creates the file before it writes it; a crash can leave it empty. */
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || lines[0][0] == '\0')
    return self->postmaster != NULL && !self->postmaster_exited ? SERVER_STARTING
                                                                : SERVER_ABSENT;
  pid = (GPid) atoi (lines[0]);
  if (pid <= 0 || !process_is_postgres (pid) || !process_works_in (pid, self->cluster_dir))
    return SERVER_ABSENT;

  *pid_out = pid;
  if (g_strv_length (lines) < 8)
    return SERVER_STARTING;
  if (g_str_has_prefix (lines[7], "ready"))
    return SERVER_READY;
  if (g_str_has_prefix (lines[7], "stopping"))
    return SERVER_STOPPING;
  return SERVER_STARTING;
}

/* A crash leaves postmaster.pid and the socket's lock file behind. The pid in them may
 * belong to another process by now, which would keep postgres from starting. */
static void
remove_stale_files (FdEmbeddedServer *self)
{
  g_autofree char *pid_path = g_build_filename (self->cluster_dir, "postmaster.pid", NULL);
  g_autofree char *socket_lock = g_build_filename (self->socket_dir,
                                                   SOCKET_FILE_NAME ".lock", NULL);
  g_autofree char *socket_path = g_build_filename (self->socket_dir, SOCKET_FILE_NAME, NULL);

  if (g_file_test (pid_path, G_FILE_TEST_EXISTS))
    g_message ("Removing the stale pid file of a database server that is gone: %s", pid_path);

  g_unlink (pid_path);
  g_unlink (socket_lock);
  g_unlink (socket_path);
}

/* Running the PostgreSQL programs ---------------------------------------------------------- */

static uid_t
unprivileged_uid (gid_t *gid)
{
  struct passwd *nobody = getpwnam ("nobody");

  *gid = nobody != NULL ? nobody->pw_gid : 65534;
  return nobody != NULL ? nobody->pw_uid : 65534;
}

static GStrvBuilder *
command_builder (FdEmbeddedServer *self,
                 const char       *program)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      gid_t gid;
      uid_t uid = unprivileged_uid (&gid);

      g_autofree char *map_user = g_strdup_printf ("--map-user=%u", (guint) uid);
      g_autofree char *map_group = g_strdup_printf ("--map-group=%u", (guint) gid);

      g_strv_builder_add_many (builder, "unshare", "--user", map_user, map_group, "--", NULL);
    }

  path = g_build_filename (self->bindir, program, NULL);
  g_strv_builder_add (builder, path);
  return builder;
}

static void
detach_from_session (gpointer user_data)
{
  gboolean throwaway = GPOINTER_TO_INT (user_data);

  /* The server outlives this process and must not get the terminal's Ctrl+C. */
  setsid ();

  /* A throwaway server goes with the process that started it, even if that one crashes. */
  if (throwaway)
    prctl (PR_SET_PDEATHSIG, SIGINT);
}

static void
postmaster_exited_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FdEmbeddedServer) self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  self->postmaster_exited = TRUE;
}

static char *
read_log_tail (FdEmbeddedServer *self)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *start;

  if (!g_file_get_contents (self->log_path, &contents, &length, NULL) || length == 0)
    return g_strdup (_("(the server printed nothing)"));

  start = contents + (length > 600 ? length - 600 : 0);
  return g_strstrip (g_strdup (start));
}

static gboolean
server_ready_check (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autofree char *socket_path = g_build_filename (self->socket_dir, SOCKET_FILE_NAME, NULL);
  g_autofree char *log_tail = NULL;
  GPid pid;

  if (_fd_embedded_server_read_server_status (self, &pid) == SERVER_READY &&
      g_file_test (socket_path, G_FILE_TEST_EXISTS))
    {
      self->pid = pid;
      succeed_start (task);
      return TRUE;
    }

  if (!self->postmaster_exited)
    return FALSE;

  log_tail = read_log_tail (self);
  fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_START_FAILED,
                                 _("The practice database server stopped while starting. It "
                                   "said:\n%s"),
                                 log_tail));
  return TRUE;
}

static void
start_postmaster (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) builder = command_builder (self, "postgres");
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int log_fd;

  report_progress (self, _("Starting the practice database…"));

  g_strv_builder_add_many (builder, "-D", self->cluster_dir, "-k", self->socket_dir,
                           "-c", "listen_addresses=", "-c", "unix_socket_permissions=0700",
                           NULL);
  /* A client that opens a transaction and goes quiet (a script stopped in a debugger, psql
   * left at BEGIN) would hold its rows and locks from everyone else: its session ends after
   * 30 s of that, and what it held is free. Frontdesk itself never idles in a transaction. */
  g_strv_builder_add_many (builder, "-c", "idle_in_transaction_session_timeout=30s", NULL);
  if (self->throwaway)
    g_strv_builder_add_many (builder, "-c", "fsync=off", "-c", "synchronous_commit=off",
                             "-c", "full_page_writes=off", NULL);
  argv = g_strv_builder_end (builder);

  log_fd = g_open (self->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0)
    {
      int saved_errno = errno;

      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
                                     _("Cannot write the database log %s: %s."),
                                     self->log_path, g_strerror (saved_errno)));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_take_stdout_fd (launcher, log_fd);
  g_subprocess_launcher_set_child_setup (launcher, detach_from_session,
                                         GINT_TO_POINTER (self->throwaway), NULL);

  g_clear_object (&self->postmaster);
  self->postmaster_exited = FALSE;
  self->postmaster = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  if (self->postmaster == NULL)
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_START_FAILED,
                                     _("Cannot start the database server: %s."), error->message));
      return;
    }

  g_subprocess_wait_async (self->postmaster, NULL, postmaster_exited_cb, g_object_ref (self));
  wait_until (task, server_ready_check, SERVER_START_LIMIT_S);
}

static gboolean
running_server_check (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  GPid pid;

  g_autofree char *socket_path = g_build_filename (self->socket_dir, SOCKET_FILE_NAME, NULL);

  switch (_fd_embedded_server_read_server_status (self, &pid))
    {
    case SERVER_READY:
      if (!g_file_test (socket_path, G_FILE_TEST_EXISTS))
        return FALSE;
      self->pid = pid;
      self->reused = TRUE;
      g_debug ("Reusing the database server already running as pid %d", pid);
      succeed_start (task);
      return TRUE;

    case SERVER_ABSENT:
      remove_stale_files (self);
      start_postmaster (task);
      return TRUE;

    case SERVER_STARTING:
    case SERVER_STOPPING:
    default:
      return FALSE;
    }
}

static void
check_running (GTask *task)
{
  wait_until (task, running_server_check, SERVER_STOP_LIMIT_S);
}

/* The account that owns the folder is the database's owner and needs no password over the
 * socket only it can reach; staff logins (other people at a shared workstation) need theirs. */
static gboolean
write_access_rules (FdEmbeddedServer  *self,
                    const char        *cluster_dir,
                    GError           **error)
{
  g_autofree char *path = g_build_filename (cluster_dir, "pg_hba.conf", NULL);
  g_autofree char *quoted_user = NULL;
  g_autofree char *rules = NULL;
  g_auto(GStrv) parts = g_strsplit (self->user, "\"", -1);

  quoted_user = g_strjoinv ("\"\"", parts);
  rules = g_strdup_printf ("# pg_hba.conf of Frontdesk's built-in database, written by Frontdesk.\n"
                           "# TYPE  DATABASE  USER  METHOD\n"
                           "local   all       \"%s\"  trust\n"
                           "local   all       all   scram-sha-256\n",
                           quoted_user);
  return g_file_set_contents_full (path, rules, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
initdb_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  FdEmbeddedServer *self = g_task_get_source_object (task);
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autofree char *output = NULL;
  g_autofree char *new_dir = g_strconcat (self->cluster_dir, ".new", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (subprocess, result, &output, NULL, &error) ||
      !g_subprocess_get_if_exited (subprocess) || g_subprocess_get_exit_status (subprocess) != 0)
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_INITDB_FAILED,
                                     _("Creating the practice database in %s failed:\n%s"),
                                     self->cluster_dir,
                                     error != NULL ? error->message : g_strstrip (output)));
      return;
    }

  if (!write_access_rules (self, new_dir, &error))
    {
      fail_start (task, g_steal_pointer (&error));
      return;
    }

  /* initdb wrote a side folder, so an interrupted first start leaves no half cluster. */
  if (g_rename (new_dir, self->cluster_dir) != 0)
    {
      int saved_errno = errno;

      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
                                     _("Cannot move the new database into %s: %s."),
                                     self->cluster_dir, g_strerror (saved_errno)));
      return;
    }

  self->created = TRUE;
  check_running (task);
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GSubprocess) rm = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, error, "rm", "-rf", "--", path, NULL);
  return rm != NULL && g_subprocess_wait_check (rm, NULL, error);
}

static void
run_initdb (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autofree char *new_dir = g_strconcat (self->cluster_dir, ".new", NULL);
  g_autoptr(GStrvBuilder) builder = command_builder (self, "initdb");
  g_autoptr(GSubprocess) initdb = NULL;
  g_auto(GStrv) argv = NULL;
  GError *error = NULL;

  report_progress (self, _("Creating the practice database (first start)…"));

  if (!remove_tree (new_dir, &error))
    {
      fail_start (task, error);
      return;
    }

  g_strv_builder_add_many (builder, "-D", new_dir, "-U", self->user, "--auth=trust",
                           "--encoding=UTF8", "--locale=C.UTF-8", NULL);
  if (self->throwaway)
    g_strv_builder_add (builder, "--no-sync");
  argv = g_strv_builder_end (builder);

  initdb = g_subprocess_newv ((const char * const *) argv,
                              G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              &error);
  if (initdb == NULL)
    {
      fail_start (task, error);
      return;
    }

  g_subprocess_communicate_utf8_async (initdb, NULL, g_task_get_cancellable (task), initdb_cb,
                                       task);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static void
inspect_cluster (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autofree char *version_path = g_build_filename (self->cluster_dir, "PG_VERSION", NULL);
  g_autofree char *cluster_version = NULL;

  if (g_file_get_contents (version_path, &cluster_version, NULL, NULL))
    {
      g_strstrip (cluster_version);
      if (!g_str_equal (cluster_version, self->major_version))
        {
          fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                         FD_EMBEDDED_SERVER_ERROR_VERSION_MISMATCH,
                                         _("The practice database in %s was made by PostgreSQL "
                                           "%s, but this computer has PostgreSQL %s. Upgrade it "
                                           "with pg_upgrade, or move the folder aside to start "
                                           "with a new, empty database."),
                                         self->cluster_dir, cluster_version,
                                         self->major_version));
          return;
        }
      check_running (task);
      return;
    }

  if (!folder_is_empty (self->cluster_dir))
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_NOT_A_CLUSTER,
                                     _("The folder %s holds files that are not a PostgreSQL "
                                       "database. Move them elsewhere and start Frontdesk "
                                       "again."),
                                     self->cluster_dir));
      return;
    }

  g_rmdir (self->cluster_dir);
  run_initdb (task);
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const char *digits;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &output, NULL,
                                             &error))
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_PROGRAMS_MISSING,
                                     _("Cannot run the PostgreSQL server program: %s."),
                                     error->message));
      return;
    }

  /* "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" */
  digits = output != NULL ? strpbrk (output, "0123456789") : NULL;
  if (digits == NULL)
    {
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR,
                                     FD_EMBEDDED_SERVER_ERROR_PROGRAMS_MISSING,
                                     _("The PostgreSQL server program did not tell its version.")));
      return;
    }

  g_free (self->major_version);
  self->major_version = g_strndup (digits, strspn (digits, "0123456789"));
  inspect_cluster (task);
}

static void
probe_version (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);
  g_autofree char *postgres = g_build_filename (self->bindir, "postgres", NULL);
  g_autoptr(GSubprocess) subprocess = NULL;
  GError *error = NULL;

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                                 &error, postgres, "--version", NULL);
  if (subprocess == NULL)
    {
      fail_start (task, error);
      return;
    }

  g_subprocess_communicate_utf8_async (subprocess, NULL, g_task_get_cancellable (task),
                                       version_cb, task);
}

/* Another process stopping the server holds clients.lock exclusively for a moment. */
static gboolean
clients_lock_check (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);

  if (flock (self->clients_lock_fd, LOCK_SH | LOCK_NB) != 0)
    {
      if (errno == EWOULDBLOCK)
        return FALSE;
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_FAILED,
                                     _("Cannot lock %s: %s."), self->folder, g_strerror (errno)));
      return TRUE;
    }

  probe_version (task);
  return TRUE;
}

static gboolean
startup_lock_check (GTask *task)
{
  FdEmbeddedServer *self = g_task_get_source_object (task);

  if (flock (self->startup_lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno == EWOULDBLOCK)
        return FALSE;
      fail_start (task, g_error_new (FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_FAILED,
                                     _("Cannot lock %s: %s."), self->folder, g_strerror (errno)));
      return TRUE;
    }

  wait_until (task, clients_lock_check, LOCK_WAIT_LIMIT_S);
  return TRUE;
}

static gboolean
open_lock_file (FdEmbeddedServer  *self,
                const char        *name,
                int               *fd_out,
                GError           **error)
{
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
                   _("Frontdesk cannot write to its database folder %s (%s). Make the folder "
                     "writable for your account, or set another folder."),
                   self->folder, g_strerror (saved_errno));
      return FALSE;
    }

  *fd_out = fd;
  return TRUE;
}

static gboolean
make_folder (const char  *folder,
             const char  *path,
             GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) == 0)
    return TRUE;

  {
    int saved_errno = errno;

    g_set_error (error, FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
                 _("Frontdesk cannot create its database folder %s (%s). Make the folder "
                   "writable for your account, or set another folder."),
                 folder, g_strerror (saved_errno));
  }
  return FALSE;
}

static gboolean
prepare_folder (FdEmbeddedServer  *self,
                GError           **error)
{
  g_autofree char *postgres = g_build_filename (self->bindir, "postgres", NULL);
  g_autofree char *initdb = g_build_filename (self->bindir, "initdb", NULL);
  struct sockaddr_un address;

  if (!g_file_test (postgres, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_PROGRAMS_MISSING,
                   _("The PostgreSQL server programs are not installed in %s. Install the "
                     "PostgreSQL server package, or set a database server in Preferences."),
                   self->bindir);
      return FALSE;
    }

  if (strlen (self->socket_dir) + strlen ("/" SOCKET_FILE_NAME) >= sizeof address.sun_path)
    {
      g_set_error (error, FD_EMBEDDED_SERVER_ERROR, FD_EMBEDDED_SERVER_ERROR_PATH_TOO_LONG,
                   _("The database folder path %s is too long for a local socket. Choose a "
                     "folder with a shorter path."),
                   self->folder);
      return FALSE;
    }

  if (!make_folder (self->folder, self->folder, error) ||
      !make_folder (self->folder, self->socket_dir, error) ||
      !make_folder (self->folder, self->cluster_dir, error))
    return FALSE;

  /* Someone may have loosened these; the server refuses a group-writable cluster. */
  g_chmod (self->socket_dir, 0700);
  g_chmod (self->cluster_dir, 0700);

  if (self->clients_lock_fd < 0 &&
      !open_lock_file (self, "clients.lock", &self->clients_lock_fd, error))
    return FALSE;

  return open_lock_file (self, "startup.lock", &self->startup_lock_fd, error);
}



/**
 * fd_embedded_server_start_async:
 *
 * Creates the cluster on first use, then starts the server or joins the one running.
 * Registers this object as a user of the server until fd_embedded_server_release().
 */
void
fd_embedded_server_start_async (FdEmbeddedServer    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;

  g_return_if_fail (FD_IS_EMBEDDED_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_embedded_server_start_async);
  g_task_set_task_data (task, g_new0 (StartData, 1), (GDestroyNotify) start_data_free);

  self->reused = FALSE;
  self->created = FALSE;
  self->pid = 0;

  if (!prepare_folder (self, &error))
    {
      fail_start (task, error);
      return;
    }

  if (flock (self->startup_lock_fd, LOCK_EX | LOCK_NB) != 0)
    report_progress (self, _("Waiting for another Frontdesk window to start the database…"));

  wait_until (task, startup_lock_check, LOCK_WAIT_LIMIT_S);
}

gboolean
fd_embedded_server_start_finish (FdEmbeddedServer  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
