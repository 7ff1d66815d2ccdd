/* fd-integrity-finding.c: one finding of an integrity check, as frontdesk.integrity_check()
 * returns it, with the check's name, title and repair from frontdesk.integrity_checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-integrity-finding.h"
#include "fd-model-util.h"

struct _FdIntegrityFinding
{
  GObject   parent_instance;

  char     *check;        /* the check's name, like dead_record_locks */
  char     *title;        /* what it looks for, in words */
  char     *severity;     /* error, warning, info, or repaired (what a repair changed) */
  char     *record_kind;  /* nullable */
  char     *record_id;    /* nullable */
  char     *message;
  gboolean  repairable;
  char     *repair;       /* nullable: what the check's repair changes, when it has one */
};

G_DEFINE_FINAL_TYPE (FdIntegrityFinding, fd_integrity_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECK,
  PROP_TITLE,
  PROP_SEVERITY,
  PROP_RECORD_KIND,
  PROP_RECORD_ID,
  PROP_MESSAGE,
  PROP_REPAIRABLE,
  PROP_REPAIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (FdIntegrityFinding *self,
              guint               prop_id)
{
  switch (prop_id)
    {
    case PROP_CHECK: return &self->check;
    case PROP_TITLE: return &self->title;
    case PROP_SEVERITY: return &self->severity;
    case PROP_RECORD_KIND: return &self->record_kind;
    case PROP_RECORD_ID: return &self->record_id;
    case PROP_MESSAGE: return &self->message;
    case PROP_REPAIR: return &self->repair;
    default: return NULL;
    }
}

static void
fd_integrity_finding_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FdIntegrityFinding *self = FD_INTEGRITY_FINDING (object);

  if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else if (prop_id == PROP_REPAIRABLE)
    g_value_set_boolean (value, self->repairable);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fd_integrity_finding_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FdIntegrityFinding *self = FD_INTEGRITY_FINDING (object);
  gboolean changed = FALSE;

  if (string_field (self, prop_id) != NULL)
    {
      changed = fd_set_string (string_field (self, prop_id), g_value_get_string (value));
    }
  else if (prop_id == PROP_REPAIRABLE)
    {
      changed = self->repairable != g_value_get_boolean (value);
      self->repairable = g_value_get_boolean (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
fd_integrity_finding_finalize (GObject *object)
{
  FdIntegrityFinding *self = FD_INTEGRITY_FINDING (object);

  for (guint prop_id = PROP_0 + 1; prop_id < N_PROPS; prop_id++)
    if (string_field (self, prop_id) != NULL)
      g_clear_pointer (string_field (self, prop_id), g_free);

  G_OBJECT_CLASS (fd_integrity_finding_parent_class)->finalize (object);
}

static void
fd_integrity_finding_class_init (FdIntegrityFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_integrity_finding_get_property;
  object_class->set_property = fd_integrity_finding_set_property;
  object_class->finalize = fd_integrity_finding_finalize;

  properties[PROP_CHECK] = g_param_spec_string ("check", NULL, "the check's name", NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, "what it looks for", NULL, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_string ("severity", NULL, "error, warning, info or repaired", NULL, flags);
  properties[PROP_RECORD_KIND] = g_param_spec_string ("record-kind", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_REPAIRABLE] = g_param_spec_boolean ("repairable", NULL, NULL, FALSE, flags);
  properties[PROP_REPAIR] =
    g_param_spec_string ("repair", NULL, "what the check's repair changes", NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_integrity_finding_init (FdIntegrityFinding *self)
{
}

const char *
fd_integrity_finding_get_check (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->check;
}

const char *
fd_integrity_finding_get_title (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->title;
}

const char *
fd_integrity_finding_get_severity (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->severity;
}

const char *
fd_integrity_finding_get_record_kind (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->record_kind;
}

const char *
fd_integrity_finding_get_record_id (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->record_id;
}

const char *
fd_integrity_finding_get_message (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->message;
}

gboolean
fd_integrity_finding_get_repairable (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), FALSE);

  return self->repairable;
}

/* Returns: (nullable): what the check's repair changes, when the check has one */
const char *
fd_integrity_finding_get_repair (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  return self->repair;
}

/* Whether this finding says what a repair changed, rather than what a check found. */
gboolean
fd_integrity_finding_is_repaired (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), FALSE);

  return g_strcmp0 (self->severity, "repaired") == 0;
}

/* Returns: (nullable): the record as KIND:ID, or NULL when the finding names none */
char *
fd_integrity_finding_dup_record (FdIntegrityFinding *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_FINDING (self), NULL);

  if (self->record_kind == NULL || self->record_id == NULL)
    return NULL;
  return g_strconcat (self->record_kind, ":", self->record_id, NULL);
}
