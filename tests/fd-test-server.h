/* fd-test-server.h: the throwaway PostgreSQL the tests run against, a fresh database per
 * test cloned from a migrated template, and helpers to wait on the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-connection.h"
#include "fd-embedded-server.h"
#include "fd-pg.h"

G_BEGIN_DECLS

#define FD_TEST_TIMEOUT_MS 20000

typedef gboolean (*FdTestCondition) (gpointer user_data);

/* A fixture: a fresh folder for a built-in server, stopped and removed afterwards. */
typedef struct
{
  char *folder;
} FdTestFolder;

void          fd_test_init                (int              *argc,
                                           char           ***argv);
int           fd_test_run                 (void);

const char   *fd_test_server_socket_dir   (void);
const char   *fd_test_server_user         (void);
char         *fd_test_create_database     (gboolean          migrated);
void          fd_test_drop_database       (const char       *dbname);
FdConnection *fd_test_connection_new      (const char       *socket_dir,
                                           const char       *user,
                                           const char       *dbname);
FdConnection *fd_test_open_connection     (const char       *dbname);
PGresult     *fd_test_query               (FdConnection     *connection,
                                           const char       *sql,
                                           GError          **error);
char         *fd_test_query_value         (FdConnection     *connection,
                                           const char       *sql);
void          fd_test_wait_for_value      (FdConnection     *connection,
                                           const char       *sql,
                                           const char       *expected);
char         *fd_test_book_overlap        (FdConnection     *owner,
                                           char            **first);
char         *fd_test_create_staff        (gboolean          admin);
char         *fd_test_staff_password      (const char       *login);
FdConnection *fd_test_open_connection_as  (const char       *dbname,
                                           const char       *login);
void          fd_test_exec                (FdConnection     *connection,
                                           const char       *sql);
void          fd_test_assert_refused      (FdConnection     *connection,
                                           const char       *sql,
                                           FdDbError         code,
                                           const char       *message_part);
char         *fd_test_make_temp_dir       (const char       *name);
void          fd_test_remove_tree         (const char       *path);
FdEmbeddedServer *fd_test_start_private_server (const char  *folder);
void          fd_test_folder_setup        (FdTestFolder     *fixture,
                                           gconstpointer     data);
void          fd_test_folder_teardown     (FdTestFolder     *fixture,
                                           gconstpointer     data);

void          fd_test_wait_until          (FdTestCondition   condition,
                                           gpointer          user_data,
                                           const char       *what);
void          fd_test_store_result_cb     (GObject          *object,
                                           GAsyncResult     *result,
                                           gpointer          user_data);
GAsyncResult *fd_test_wait_for_result     (GAsyncResult    **slot);
gboolean      fd_test_process_gone        (gpointer          pid);
void          fd_test_end_backend         (FdConnection     *superuser,
                                           const char       *backend_pid);
PGconn       *fd_test_connect_blocking    (const char       *socket_dir,
                                           const char       *user,
                                           const char       *dbname);
void          fd_test_exec_blocking       (PGconn           *conn,
                                           const char       *sql);
void          fd_test_spin                (guint             milliseconds);
int           fd_test_compare_doubles     (const void       *a,
                                           const void       *b);

/* A PostgreSQL of a test's own on TCP (127.0.0.1), as an office server would run it: a
 * primary with replication on, a streaming standby of it, or a PgBouncer in front. */
typedef struct
{
  char        *folder;      /* removed by fd_test_pg_free() */
  char        *data_dir;
  guint        port;
  guint        max_connections;
  GSubprocess *process;     /* the postmaster (or pgbouncer) */
} FdTestPg;

FdTestPg     *fd_test_pg_start_primary    (void);
FdTestPg     *fd_test_pg_start_sized      (guint             max_connections);
FdTestPg     *fd_test_pg_start_tls        (const char       *cert_file,
                                           const char       *key_file);
int           fd_test_pg_get_pid          (FdTestPg         *pg);
FdTestPg     *fd_test_pg_start_standby    (FdTestPg         *primary,
                                           const char       *name);
FdTestPg     *fd_test_pg_start_pgbouncer  (FdTestPg         *server,
                                           const char       *pool_mode,
                                           const char       *settings,
                                           const char * const *logins);
void          fd_test_pg_kill             (FdTestPg         *pg);
void          fd_test_pg_pause            (FdTestPg         *pg,
                                           gboolean          paused);
void          fd_test_pg_promote          (FdTestPg         *standby);
char         *fd_test_pg_address          (FdTestPg         *pg);
FdConnection *fd_test_pg_connect          (FdTestPg         *pg,
                                           const char       *dbname);
char         *fd_test_pg_create_practice  (FdTestPg         *primary);
void          fd_test_pg_free             (FdTestPg         *pg);
double        fd_test_process_tree_cpu_seconds (int              pid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdTestPg, fd_test_pg_free)

G_END_DECLS
