/* fd-session-row.c: one connected session as an administrator sees it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Known by its session id; what it holds and whether it is alive change under that id, so a
 * list updates the same row in place, and every property notifies only on a change.
 */
#include "fd-model-util.h"
#include "fd-session-row.h"

struct _FdSessionRow
{
  GObject    parent_instance;

  gint64     session_id;
  char      *login;
  char      *display_name;
  char      *workstation;
  gboolean   is_admin;
  GDateTime *opened_at;
  GDateTime *resumed_at;      /* nullable */
  gboolean   alive;
  char      *client_address;  /* nullable: a Unix socket has none */
  guint      record_locks;
  guint      save_locks;
  gboolean   is_mine;         /* the session asking */
};

G_DEFINE_FINAL_TYPE (FdSessionRow, fd_session_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_LOGIN,
  PROP_DISPLAY_NAME,
  PROP_WORKSTATION,
  PROP_IS_ADMIN,
  PROP_OPENED_AT,
  PROP_RESUMED_AT,
  PROP_ALIVE,
  PROP_CLIENT_ADDRESS,
  PROP_RECORD_LOCKS,
  PROP_SAVE_LOCKS,
  PROP_IS_MINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (FdSessionRow *self,
              guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_LOGIN: return &self->login;
    case PROP_DISPLAY_NAME: return &self->display_name;
    case PROP_WORKSTATION: return &self->workstation;
    case PROP_CLIENT_ADDRESS: return &self->client_address;
    default: return NULL;
    }
}

static gboolean *
boolean_field (FdSessionRow *self,
               guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_IS_ADMIN: return &self->is_admin;
    case PROP_ALIVE: return &self->alive;
    case PROP_IS_MINE: return &self->is_mine;
    default: return NULL;
    }
}

static guint *
count_field (FdSessionRow *self,
             guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_RECORD_LOCKS: return &self->record_locks;
    case PROP_SAVE_LOCKS: return &self->save_locks;
    default: return NULL;
    }
}

static void
fd_session_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FdSessionRow *self = FD_SESSION_ROW (object);

  if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else if (boolean_field (self, prop_id) != NULL)
    g_value_set_boolean (value, *boolean_field (self, prop_id));
  else if (count_field (self, prop_id) != NULL)
    g_value_set_uint (value, *count_field (self, prop_id));
  else if (prop_id == PROP_SESSION_ID)
    g_value_set_int64 (value, self->session_id);
  else if (prop_id == PROP_OPENED_AT)
    g_value_set_boxed (value, self->opened_at);
  else if (prop_id == PROP_RESUMED_AT)
    g_value_set_boxed (value, self->resumed_at);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fd_session_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FdSessionRow *self = FD_SESSION_ROW (object);
  gboolean changed = FALSE;

  if (string_field (self, prop_id) != NULL)
    {
      changed = fd_set_string (string_field (self, prop_id), g_value_get_string (value));
    }
  else if (boolean_field (self, prop_id) != NULL)
    {
      changed = *boolean_field (self, prop_id) != g_value_get_boolean (value);
      *boolean_field (self, prop_id) = g_value_get_boolean (value);
    }
  else if (count_field (self, prop_id) != NULL)
    {
      changed = *count_field (self, prop_id) != g_value_get_uint (value);
      *count_field (self, prop_id) = g_value_get_uint (value);
    }
  else if (prop_id == PROP_SESSION_ID)
    {
      changed = self->session_id != g_value_get_int64 (value);
      self->session_id = g_value_get_int64 (value);
    }
  else if (prop_id == PROP_OPENED_AT)
    {
      changed = fd_set_date_time (&self->opened_at, g_value_get_boxed (value));
    }
  else if (prop_id == PROP_RESUMED_AT)
    {
      changed = fd_set_date_time (&self->resumed_at, g_value_get_boxed (value));
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
fd_session_row_finalize (GObject *object)
{
  FdSessionRow *self = FD_SESSION_ROW (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->workstation, g_free);
  g_clear_pointer (&self->client_address, g_free);
  g_clear_pointer (&self->opened_at, g_date_time_unref);
  g_clear_pointer (&self->resumed_at, g_date_time_unref);

  G_OBJECT_CLASS (fd_session_row_parent_class)->finalize (object);
}

static void
fd_session_row_class_init (FdSessionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_session_row_get_property;
  object_class->set_property = fd_session_row_set_property;
  object_class->finalize = fd_session_row_finalize;

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LOGIN] = g_param_spec_string ("login", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_WORKSTATION] = g_param_spec_string ("workstation", NULL, NULL, NULL, flags);
  properties[PROP_IS_ADMIN] = g_param_spec_boolean ("is-admin", NULL, NULL, FALSE, flags);
  properties[PROP_OPENED_AT] =
    g_param_spec_boxed ("opened-at", NULL, "when they signed in", G_TYPE_DATE_TIME, flags);
  properties[PROP_RESUMED_AT] =
    g_param_spec_boxed ("resumed-at", NULL, "the last reconnect, or NULL", G_TYPE_DATE_TIME,
                        flags);
  properties[PROP_ALIVE] =
    g_param_spec_boolean ("alive", NULL, "its connection exists", FALSE, flags);
  properties[PROP_CLIENT_ADDRESS] =
    g_param_spec_string ("client-address", NULL, "NULL over a Unix socket", NULL, flags);
  properties[PROP_RECORD_LOCKS] =
    g_param_spec_uint ("record-locks", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SAVE_LOCKS] =
    g_param_spec_uint ("save-locks", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_IS_MINE] =
    g_param_spec_boolean ("is-mine", NULL, "the session that asked", FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_session_row_init (FdSessionRow *self)
{
}

gint64
fd_session_row_get_session_id (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), 0);

  return self->session_id;
}

const char *
fd_session_row_get_login (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->login;
}

const char *
fd_session_row_get_display_name (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->display_name;
}

const char *
fd_session_row_get_workstation (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->workstation;
}

gboolean
fd_session_row_get_is_admin (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), FALSE);

  return self->is_admin;
}

/* Returns: (transfer none): when they signed in */
GDateTime *
fd_session_row_get_opened_at (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->opened_at;
}

/* Returns: (transfer none) (nullable): when the session last resumed after a reconnect */
GDateTime *
fd_session_row_get_resumed_at (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->resumed_at;
}

gboolean
fd_session_row_get_alive (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), FALSE);

  return self->alive;
}

/* Returns: (nullable): where it connects from; NULL over a Unix socket */
const char *
fd_session_row_get_client_address (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), NULL);

  return self->client_address;
}

guint
fd_session_row_get_record_locks (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), 0);

  return self->record_locks;
}

guint
fd_session_row_get_save_locks (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), 0);

  return self->save_locks;
}

gboolean
fd_session_row_get_is_mine (FdSessionRow *self)
{
  g_return_val_if_fail (FD_IS_SESSION_ROW (self), FALSE);

  return self->is_mine;
}

/**
 * fd_session_row_is_same_session:
 * @a: (type FdSessionRow)
 * @b: (type FdSessionRow)
 *
 * Whether @a and @b are the same session: a #GEqualFunc.
 */
gboolean
fd_session_row_is_same_session (gconstpointer a,
                                gconstpointer b)
{
  return ((const FdSessionRow *) a)->session_id == ((const FdSessionRow *) b)->session_id;
}
