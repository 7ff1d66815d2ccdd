/* fd-client-directory.h: finding clients (possible duplicates and families too), and reading what the editor shows beside a
 * client's fields: their procedures and notes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-client-summary.h"
#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_CLIENT_SEARCH_LIMIT 200

/* A procedure, with one version of its note. */
typedef struct
{
  char *procedure_id;
  char *performed_on;
  char *code;
  char *description;
  char *provider;
  char *status;
  char *fee;
  int   note_version;   /* 0 when there is no note */
  char *note;
  char *note_author;
  GDateTime *note_written_at;
} FdProcedureEntry;

#define FD_TYPE_PROCEDURE_ENTRY (fd_procedure_entry_get_type ())
GType             fd_procedure_entry_get_type (void) G_GNUC_CONST;
FdProcedureEntry *fd_procedure_entry_copy     (const FdProcedureEntry *entry);
void              fd_procedure_entry_free     (FdProcedureEntry       *entry);

void        fd_client_directory_search_async      (FdConnection         *connection,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void        fd_client_directory_search_all_async  (FdConnection         *connection,
                                                   const char           *query,
                                                   gboolean              include_archived,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel *fd_client_directory_search_finish     (FdConnection         *connection,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void        fd_client_directory_duplicates_async  (FdConnection         *connection,
                                                   const char           *first_name,
                                                   const char           *last_name,
                                                   const char           *birth_date,
                                                   const char * const   *phones,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel *fd_client_directory_duplicates_finish (FdConnection         *connection,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void        fd_client_directory_family_async      (FdConnection         *connection,
                                                   const char           *client_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel *fd_client_directory_family_finish     (FdConnection         *connection,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void        fd_client_directory_procedures_async  (FdConnection         *connection,
                                                   const char           *client_id,
                                                   gboolean              history,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray  *fd_client_directory_procedures_finish (FdConnection         *connection,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
