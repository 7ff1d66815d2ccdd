/* fd-audit-entry.c: one entry of the audit log, as frontdesk.audit_search() returns it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "fd-audit-entry.h"
#include "fd-model-util.h"

struct _FdAuditEntry
{
  GObject    parent_instance;

  gint64     id;
  GDateTime *at;
  char      *actor;         /* the login */
  char      *actor_name;    /* nullable */
  char      *workstation;   /* nullable */
  char      *action;
  char      *record_kind;   /* nullable; NULL with a record id: a data context */
  char      *record_id;     /* nullable */
  char      *change_lines;  /* nullable: "notes: old → new", a line per column */
  char      *detail;        /* nullable */
  char      *record_name;   /* nullable: the client's name, the provider's… */
  char      *record_code;   /* nullable: a procedure's code */
  GDateTime *record_moment; /* nullable: an appointment's start */
};

G_DEFINE_FINAL_TYPE (FdAuditEntry, fd_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTOR_NAME,
  PROP_WORKSTATION,
  PROP_ACTION,
  PROP_RECORD_KIND,
  PROP_RECORD_ID,
  PROP_CHANGE_LINES,
  PROP_DETAIL,
  PROP_RECORD_NAME,
  PROP_RECORD_CODE,
  PROP_RECORD_MOMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (FdAuditEntry *self,
              guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_ACTOR: return &self->actor;
    case PROP_ACTOR_NAME: return &self->actor_name;
    case PROP_WORKSTATION: return &self->workstation;
    case PROP_ACTION: return &self->action;
    case PROP_RECORD_KIND: return &self->record_kind;
    case PROP_RECORD_ID: return &self->record_id;
    case PROP_CHANGE_LINES: return &self->change_lines;
    case PROP_DETAIL: return &self->detail;
    case PROP_RECORD_NAME: return &self->record_name;
    case PROP_RECORD_CODE: return &self->record_code;
    default: return NULL;
    }
}

static void
fd_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FdAuditEntry *self = FD_AUDIT_ENTRY (object);

  if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id == PROP_AT)
    g_value_set_boxed (value, self->at);
  else if (prop_id == PROP_RECORD_MOMENT)
    g_value_set_boxed (value, self->record_moment);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fd_audit_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FdAuditEntry *self = FD_AUDIT_ENTRY (object);
  gboolean changed = FALSE;

  if (string_field (self, prop_id) != NULL)
    {
      changed = fd_set_string (string_field (self, prop_id), g_value_get_string (value));
    }
  else if (prop_id == PROP_ID)
    {
      changed = self->id != g_value_get_int64 (value);
      self->id = g_value_get_int64 (value);
    }
  else if (prop_id == PROP_AT)
    {
      changed = fd_set_date_time (&self->at, g_value_get_boxed (value));
    }
  else if (prop_id == PROP_RECORD_MOMENT)
    {
      changed = fd_set_date_time (&self->record_moment, g_value_get_boxed (value));
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
fd_audit_entry_finalize (GObject *object)
{
  FdAuditEntry *self = FD_AUDIT_ENTRY (object);

  for (guint prop_id = PROP_0 + 1; prop_id < N_PROPS; prop_id++)
    if (string_field (self, prop_id) != NULL)
      g_clear_pointer (string_field (self, prop_id), g_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->record_moment, g_date_time_unref);

  G_OBJECT_CLASS (fd_audit_entry_parent_class)->finalize (object);
}

static void
fd_audit_entry_class_init (FdAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_audit_entry_get_property;
  object_class->set_property = fd_audit_entry_set_property;
  object_class->finalize = fd_audit_entry_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, "a login", NULL, flags);
  properties[PROP_ACTOR_NAME] = g_param_spec_string ("actor-name", NULL, NULL, NULL, flags);
  properties[PROP_WORKSTATION] = g_param_spec_string ("workstation", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_KIND] = g_param_spec_string ("record-kind", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, flags);
  properties[PROP_CHANGE_LINES] =
    g_param_spec_string ("change-lines", NULL, "a line per changed column", NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_NAME] = g_param_spec_string ("record-name", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_CODE] =
    g_param_spec_string ("record-code", NULL, "a procedure's code", NULL, flags);
  properties[PROP_RECORD_MOMENT] =
    g_param_spec_boxed ("record-moment", NULL, "an appointment's start", G_TYPE_DATE_TIME,
                        flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_audit_entry_init (FdAuditEntry *self)
{
}

gint64
fd_audit_entry_get_id (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), 0);

  return self->id;
}

/* Returns: (transfer none): when it happened */
GDateTime *
fd_audit_entry_get_at (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->at;
}

const char *
fd_audit_entry_get_actor (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->actor;
}

const char *
fd_audit_entry_get_actor_name (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->actor_name;
}

const char *
fd_audit_entry_get_workstation (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->workstation;
}

const char *
fd_audit_entry_get_action (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->action;
}

const char *
fd_audit_entry_get_record_kind (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->record_kind;
}

const char *
fd_audit_entry_get_record_id (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->record_id;
}

const char *
fd_audit_entry_get_change_lines (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->change_lines;
}

const char *
fd_audit_entry_get_detail (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->detail;
}

/* Who acted: their name and login, or the login alone when that is all there is. */
char *
fd_audit_entry_dup_who (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  if (self->actor_name == NULL || *self->actor_name == '\0' ||
      g_strcmp0 (self->actor_name, self->actor) == 0)
    return g_strdup (self->actor != NULL ? self->actor : "");
  /* Translators: a person's name and their login */
  return g_strdup_printf (_("%s (%s)"), self->actor_name, self->actor);
}

/* The record as the audit filter is written: KIND:ID, or context:NAME for a data context. */
char *
fd_audit_entry_dup_record (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  if (self->record_id == NULL)
    return g_strdup (self->record_kind != NULL ? self->record_kind : "");
  return g_strconcat (self->record_kind != NULL ? self->record_kind : "context", ":",
                      self->record_id, NULL);
}

/**
 * fd_audit_entry_dup_record_label:
 * @name: (nullable): the record's name as the reader is shown it (an appointment's with its
 *   start in their clock); %NULL for the record's name as it came, with a procedure's code
 *
 * Returns: (transfer full): the record as the audit log shows it: its name and key, "Amara
 *   Smith (clients:6)", "D1110 for Amara Smith (procedures:4)", or the key alone for a
 *   record without a name
 */
char *
fd_audit_entry_dup_record_label (FdAuditEntry *self,
                                 const char   *name)
{
  g_autofree char *record = NULL;
  g_autofree char *with_code = NULL;

  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  record = fd_audit_entry_dup_record (self);
  if (name == NULL && self->record_code != NULL && self->record_name != NULL)
    /* Translators: a procedure's code and its client, as "D1110 for Amara Smith" */
    name = with_code = g_strdup_printf (_("%s for %s"), self->record_code, self->record_name);
  else if (name == NULL)
    name = self->record_name;
  if (name == NULL || *name == '\0')
    return g_steal_pointer (&record);
  /* Translators: a record's name and its key, as "Amara Smith (clients:6)" */
  return g_strdup_printf (_("%s (%s)"), name, record);
}

/* Its name: a client's, a provider's…; an appointment's or a procedure's client. */
const char *
fd_audit_entry_get_record_name (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->record_name;
}

/* An appointment's start, for its name; %NULL for another record. */
GDateTime *
fd_audit_entry_get_record_moment (FdAuditEntry *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  return self->record_moment;
}

/* What changed, a line per column, then the detail; empty when there is neither. */
char *
fd_audit_entry_dup_changes (FdAuditEntry *self)
{
  gboolean lines;
  gboolean detail;

  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (self), NULL);

  lines = self->change_lines != NULL && *self->change_lines != '\0';
  detail = self->detail != NULL && *self->detail != '\0';
  if (lines && detail)
    return g_strconcat (self->change_lines, "\n", self->detail, NULL);
  return g_strdup (lines ? self->change_lines : detail ? self->detail : "");
}
