/* fd-edit-session-follow.c: an edit session follows the database: when someone else saves
 * the open record and nothing is edited here, it reads it again and says which columns
 * changed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-edit-session-private.h"

static GStrv
dup_changed_columns (FdRecord *before,
                     FdRecord *after)
{
  g_auto(GStrv) columns = fd_record_dup_columns (after);
  g_autoptr(GStrvBuilder) changed = g_strv_builder_new ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (g_strcmp0 (fd_record_get_original (before, columns[i]),
                     fd_record_get_original (after, columns[i])) != 0)
        g_strv_builder_add (changed, columns[i]);
    }
  return g_strv_builder_end (changed);
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(FdRecord) fresh = g_object_ref (FD_RECORD (object));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;

  if (!fd_record_load_finish (fresh, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read %s %s again: %s", self->table, self->id, error->message);
      if (self->reloading == fresh)
        g_clear_object (&self->reloading);
      return;
    }
  if (self->reloading != fresh)
    return;
  g_clear_object (&self->reloading);

  /* Typed into meanwhile, or a save went out: the save path compares, not this. */
  if (self->record == NULL || fd_record_is_dirty (self->record) || self->saving)
    return;
  changed = dup_changed_columns (self->record, fresh);
  if (changed[0] == NULL)
    return;
  _fd_edit_session_set_record (self, fresh);
  if (self->account != NULL)
    fd_account_follow (self->account, fresh);
  _fd_edit_session_emit_reloaded (self, changed);
}

void
_fd_edit_session_reload (FdEditSession *self)
{
  if (self->record == NULL || !fd_record_is_loaded (self->record) ||
      fd_record_is_dirty (self->record) || self->saving)
    return;

  g_set_object (&self->reloading, NULL);
  self->reloading = fd_record_new (self->table, self->id);
  fd_record_load_async (self->reloading, fd_database_get_connection (self->database),
                        self->cancellable, reloaded_cb, self);
}

void
_fd_edit_session_data_changed_cb (FdEditSession *self,
                                  const char    *kind,
                                  GStrv          keys)
{
  /* Appointments are signalled by their days, not their ids: any of them may be this one
   * (a read tells; nothing is emitted unless it changed). */
  if (self->id != NULL && g_str_equal (kind, self->table) &&
      (g_str_equal (kind, "appointments") ||
       g_strv_contains ((const char * const *) keys, self->id)))
    _fd_edit_session_reload (self);
}

