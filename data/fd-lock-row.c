/* fd-lock-row.c: one line of the lock table: a record lock or a held save lock, and its holder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lock is known by its kind and what it locks: (record, clients, 12) or (save, account,
 * account:7). The holder and the times may change under that identity (a take, a reread),
 * so a table updates the same row in place, and every property notifies only on a change.
 */
#include "fd-lock-row.h"
#include "fd-model-util.h"

struct _FdLockRow
{
  GObject    parent_instance;

  char      *lock_kind;           /* record or save */
  char      *record_kind;
  char      *record_id;           /* the context's name for a save lock */
  char      *description;
  gint64     holder_session;
  char      *holder_login;
  char      *holder_name;
  char      *holder_workstation;
  GDateTime *since;
  GDateTime *expires_at;          /* nullable */
  gboolean   alive;
  gboolean   expired;
};

G_DEFINE_FINAL_TYPE (FdLockRow, fd_lock_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCK_KIND,
  PROP_RECORD_KIND,
  PROP_RECORD_ID,
  PROP_DESCRIPTION,
  PROP_HOLDER_SESSION,
  PROP_HOLDER_LOGIN,
  PROP_HOLDER_NAME,
  PROP_HOLDER_WORKSTATION,
  PROP_SINCE,
  PROP_EXPIRES_AT,
  PROP_ALIVE,
  PROP_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (FdLockRow *self,
              guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_LOCK_KIND: return &self->lock_kind;
    case PROP_RECORD_KIND: return &self->record_kind;
    case PROP_RECORD_ID: return &self->record_id;
    case PROP_DESCRIPTION: return &self->description;
    case PROP_HOLDER_LOGIN: return &self->holder_login;
    case PROP_HOLDER_NAME: return &self->holder_name;
    case PROP_HOLDER_WORKSTATION: return &self->holder_workstation;
    default: return NULL;
    }
}

static gboolean
set_boolean (gboolean *field,
             gboolean  value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static void
fd_lock_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FdLockRow *self = FD_LOCK_ROW (object);
  char **text = string_field (self, prop_id);

  if (text != NULL)
    {
      g_value_set_string (value, *text);
      return;
    }
  switch (prop_id)
    {
    case PROP_HOLDER_SESSION:
      g_value_set_int64 (value, self->holder_session);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_ALIVE:
      g_value_set_boolean (value, self->alive);
      break;
    case PROP_EXPIRED:
      g_value_set_boolean (value, self->expired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_lock_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FdLockRow *self = FD_LOCK_ROW (object);
  char **text = string_field (self, prop_id);
  gboolean changed = FALSE;

  if (text != NULL)
    {
      changed = fd_set_string (text, g_value_get_string (value));
    }
  else
    {
      switch (prop_id)
        {
        case PROP_HOLDER_SESSION:
          changed = self->holder_session != g_value_get_int64 (value);
          self->holder_session = g_value_get_int64 (value);
          break;
        case PROP_SINCE:
          changed = fd_set_date_time (&self->since, g_value_get_boxed (value));
          break;
        case PROP_EXPIRES_AT:
          changed = fd_set_date_time (&self->expires_at, g_value_get_boxed (value));
          break;
        case PROP_ALIVE:
          changed = set_boolean (&self->alive, g_value_get_boolean (value));
          break;
        case PROP_EXPIRED:
          changed = set_boolean (&self->expired, g_value_get_boolean (value));
          break;
        default:
          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
          return;
        }
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
fd_lock_row_finalize (GObject *object)
{
  FdLockRow *self = FD_LOCK_ROW (object);

  for (guint prop_id = PROP_0 + 1; prop_id < N_PROPS; prop_id++)
    if (string_field (self, prop_id) != NULL)
      g_clear_pointer (string_field (self, prop_id), g_free);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->expires_at, g_date_time_unref);

  G_OBJECT_CLASS (fd_lock_row_parent_class)->finalize (object);
}

static void
fd_lock_row_class_init (FdLockRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_lock_row_get_property;
  object_class->set_property = fd_lock_row_set_property;
  object_class->finalize = fd_lock_row_finalize;

  properties[PROP_LOCK_KIND] =
    g_param_spec_string ("lock-kind", NULL, "record or save", NULL, flags);
  properties[PROP_RECORD_KIND] =
    g_param_spec_string ("record-kind", NULL, "a table, or a context's kind", NULL, flags);
  properties[PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, "a record's id, or a context's name", NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, "what is locked, in words", NULL, flags);
  properties[PROP_HOLDER_SESSION] =
    g_param_spec_int64 ("holder-session", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_HOLDER_LOGIN] =
    g_param_spec_string ("holder-login", NULL, NULL, NULL, flags);
  properties[PROP_HOLDER_NAME] =
    g_param_spec_string ("holder-name", NULL, NULL, NULL, flags);
  properties[PROP_HOLDER_WORKSTATION] =
    g_param_spec_string ("holder-workstation", NULL, NULL, NULL, flags);
  properties[PROP_SINCE] =
    g_param_spec_boxed ("since", NULL, "when it was taken", G_TYPE_DATE_TIME, flags);
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, "when the edit time limit ends it, or NULL",
                        G_TYPE_DATE_TIME, flags);
  properties[PROP_ALIVE] =
    g_param_spec_boolean ("alive", NULL, "the holder's connection exists", FALSE, flags);
  properties[PROP_EXPIRED] =
    g_param_spec_boolean ("expired", NULL, "past its expiry", FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_lock_row_init (FdLockRow *self)
{
}

gboolean
fd_lock_row_is_save_lock (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), FALSE);

  return g_strcmp0 (self->lock_kind, "save") == 0;
}

const char *
fd_lock_row_get_lock_kind (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->lock_kind;
}

const char *
fd_lock_row_get_record_kind (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->record_kind;
}

const char *
fd_lock_row_get_record_id (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->record_id;
}

const char *
fd_lock_row_get_description (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->description;
}

gint64
fd_lock_row_get_holder_session (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), 0);

  return self->holder_session;
}

const char *
fd_lock_row_get_holder_login (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->holder_login;
}

const char *
fd_lock_row_get_holder_name (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->holder_name;
}

const char *
fd_lock_row_get_holder_workstation (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->holder_workstation;
}

/* Returns: (transfer none): when the lock was taken */
GDateTime *
fd_lock_row_get_since (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->since;
}

/* Returns: (transfer none) (nullable): when the edit time limit ends the lock */
GDateTime *
fd_lock_row_get_expires_at (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), NULL);

  return self->expires_at;
}

gboolean
fd_lock_row_get_alive (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), FALSE);

  return self->alive;
}

gboolean
fd_lock_row_get_expired (FdLockRow *self)
{
  g_return_val_if_fail (FD_IS_LOCK_ROW (self), FALSE);

  return self->expired;
}

/**
 * fd_lock_row_is_same_lock:
 * @a: (type FdLockRow)
 * @b: (type FdLockRow)
 *
 * Whether @a and @b are the same lock, whoever holds it now: a #GEqualFunc.
 */
gboolean
fd_lock_row_is_same_lock (gconstpointer a,
                          gconstpointer b)
{
  const FdLockRow *row_a = a;
  const FdLockRow *row_b = b;

  return g_strcmp0 (row_a->lock_kind, row_b->lock_kind) == 0 &&
         g_strcmp0 (row_a->record_kind, row_b->record_kind) == 0 &&
         g_strcmp0 (row_a->record_id, row_b->record_id) == 0;
}
