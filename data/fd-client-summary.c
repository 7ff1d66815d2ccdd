/* fd-client-summary.c: one line of the client list: who, born when, reachable how.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "fd-client-summary.h"

/* A day the database writes YYYY-MM-DD, in the locale's numeric form (%x); as it came when
 * it is not a day. */
static char *
locale_date (const char *iso_day)
{
  g_autofree char *noon = g_strconcat (iso_day, "T12:00:00Z", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (noon, NULL);

  return day != NULL ? g_date_time_format (day, "%x") : g_strdup (iso_day);
}

struct _FdClientSummary
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *details;
  gboolean archived;
  char    *guarantor_id;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (FdClientSummary, fd_client_summary, G_TYPE_OBJECT)

static void
fd_client_summary_finalize (GObject *object)
{
  FdClientSummary *self = FD_CLIENT_SUMMARY (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->details);
  g_free (self->guarantor_id);
  g_free (self->reason);

  G_OBJECT_CLASS (fd_client_summary_parent_class)->finalize (object);
}

static void
fd_client_summary_class_init (FdClientSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_client_summary_finalize;
}

static void
fd_client_summary_init (FdClientSummary *self)
{
}

/**
 * fd_client_summary_new:
 * @preferred_name: (nullable):
 * @birth_date: (nullable): as YYYY-MM-DD
 * @phone: (nullable):
 */
FdClientSummary *
fd_client_summary_new (const char *id,
                       const char *last_name,
                       const char *first_name,
                       const char *preferred_name,
                       const char *birth_date,
                       const char *phone,
                       const char *status)
{
  FdClientSummary *self = g_object_new (FD_TYPE_CLIENT_SUMMARY, NULL);
  GString *details = g_string_new (NULL);

  self->id = g_strdup (id);
  if (preferred_name != NULL && preferred_name[0] != '\0')
    /* Translators: last name, first name, and the name the client likes to be called */
    self->name = g_strdup_printf (_("%s, %s (%s)"), last_name, first_name, preferred_name);
  else
    /* Translators: last name, first name */
    self->name = g_strdup_printf (_("%s, %s"), last_name, first_name);

  /* Translators: %s is a client's number in the practice */
  g_string_append_printf (details, _("No. %s"), id);
  if (birth_date != NULL)
    {
      g_autofree char *born = locale_date (birth_date);

      /* Translators: %s is a date of birth */
      g_string_append_printf (details, _(" · born %s"), born);
    }
  if (phone != NULL)
    g_string_append_printf (details, " · %s", phone);
  self->archived = g_strcmp0 (status, "archived") == 0;
  if (self->archived)
    g_string_append_printf (details, " · %s", _("Archived"));
  else if (g_strcmp0 (status, "inactive") == 0)
    g_string_append_printf (details, " · %s", _("Inactive"));
  self->details = g_string_free (details, FALSE);

  return self;
}

const char *
fd_client_summary_get_id (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), NULL);

  return self->id;
}

const char *
fd_client_summary_get_name (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), NULL);

  return self->name;
}

const char *
fd_client_summary_get_details (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), NULL);

  return self->details;
}

/**
 * fd_client_summary_get_guarantor_id:
 *
 * Returns: (nullable): who pays for the client's family, when the query that found the
 *   client said so (a family's members)
 */
const char *
fd_client_summary_get_guarantor_id (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), NULL);

  return self->guarantor_id;
}

void
fd_client_summary_set_guarantor_id (FdClientSummary *self,
                                    const char      *guarantor_id)
{
  g_return_if_fail (FD_IS_CLIENT_SUMMARY (self));

  g_free (self->guarantor_id);
  self->guarantor_id = g_strdup (guarantor_id);
}

/**
 * fd_client_summary_get_reason:
 *
 * Returns: (nullable): why a possible duplicate was found: "name" (the same name and date
 *   of birth) or "phone" (one of the same phone numbers)
 */
const char *
fd_client_summary_get_reason (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), NULL);

  return self->reason;
}

void
fd_client_summary_set_reason (FdClientSummary *self,
                              const char      *reason)
{
  g_return_if_fail (FD_IS_CLIENT_SUMMARY (self));

  g_free (self->reason);
  self->reason = g_strdup (reason);
}

gboolean
fd_client_summary_is_archived (FdClientSummary *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_SUMMARY (self), FALSE);

  return self->archived;
}
