/* fd-record.h: one row as an editor holds it: the values it loaded beside the edits, saved
 * by rereading the row under lock and writing only the changed columns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_RECORD_ERROR (fd_record_error_quark ())

typedef enum
{
  FD_RECORD_ERROR_UNKNOWN_COLUMN,
  FD_RECORD_ERROR_INVALID_TEXT,
  FD_RECORD_ERROR_NOT_LOADED,
  FD_RECORD_ERROR_NOTHING_TO_SAVE,
  FD_RECORD_ERROR_CHANGED_MEANWHILE,
} FdRecordError;

GQuark fd_record_error_quark (void);

typedef enum
{
  FD_SAVE_SAVED,
  FD_SAVE_CONFLICT,
  FD_SAVE_REFUSED,
  FD_SAVE_FAILED,
} FdSaveOutcome;

/* A column someone else saved since this editor loaded it. */
typedef struct
{
  char *column;
  char *original;   /* what this editor loaded */
  char *theirs;     /* what is stored now */
  char *mine;       /* what this editor wants */
} FdConflict;

#define FD_TYPE_CONFLICT (fd_conflict_get_type ())
GType       fd_conflict_get_type (void) G_GNUC_CONST;
FdConflict *fd_conflict_copy     (const FdConflict *conflict);
void        fd_conflict_free     (FdConflict       *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdConflict, fd_conflict_free)

#define FD_TYPE_RECORD (fd_record_get_type ())
G_DECLARE_FINAL_TYPE (FdRecord, fd_record, FD, RECORD, GObject)

FdRecord      *fd_record_new                  (const char           *table,
                                               const char           *id);
const char    *fd_record_get_table            (FdRecord             *self);
const char    *fd_record_get_id               (FdRecord             *self);
gboolean       fd_record_is_loaded            (FdRecord             *self);
gboolean       fd_record_has_column           (FdRecord             *self,
                                               const char           *column);
GStrv          fd_record_dup_columns          (FdRecord             *self);
const char    *fd_record_get                  (FdRecord             *self,
                                               const char           *column);
const char    *fd_record_get_original         (FdRecord             *self,
                                               const char           *column);
gboolean       fd_record_set                  (FdRecord             *self,
                                               const char           *column,
                                               const char           *value,
                                               gssize                length,
                                               GError              **error);
gboolean       fd_record_is_changed           (FdRecord             *self,
                                               const char           *column);
gboolean       fd_record_is_dirty             (FdRecord             *self);
GStrv          fd_record_dup_changed_columns  (FdRecord             *self);
void           fd_record_revert               (FdRecord             *self);
void           fd_record_resolve_conflict     (FdRecord             *self,
                                               const FdConflict     *conflict,
                                               gboolean              keep_mine);
void           fd_record_take_stored          (FdRecord             *self,
                                               const char           *column,
                                               const char           *value);

void           fd_record_load_async           (FdRecord             *self,
                                               FdConnection         *connection,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean       fd_record_load_finish          (FdRecord             *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void           fd_record_set_account_only     (FdRecord             *self,
                                               gboolean              account_only);
void           fd_record_save_async           (FdRecord             *self,
                                               FdConnection         *connection,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FdSaveOutcome  fd_record_save_finish          (FdRecord             *self,
                                               GAsyncResult         *result,
                                               GPtrArray           **conflicts,
                                               GError              **error);

void           fd_record_insert_async         (FdConnection         *connection,
                                               const char           *table,
                                               guint                 n_fields,
                                               const char * const   *columns,
                                               const char * const   *values,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FdRecord      *fd_record_insert_finish        (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
