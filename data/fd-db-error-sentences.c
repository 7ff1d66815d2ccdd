/* fd-db-error-sentences.c: the server's refusals in the words of the person's language.
 *
 * Every RAISE of the schema (data/sql/0025-server-words.sql) carries, beside its English
 * MESSAGE for psql, a DETAIL that is a JSON object: a stable "key" and the parameters of the
 * sentence. Here each key becomes a translated sentence; moments arrive as epoch seconds and
 * are written in local time, on the desktop's 12- or 24-hour clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fd-clock.h"
#include "fd-db-error-private.h"

/* A parameter as text: a string as it is, a number written out, "" when absent or null. */
static char *
param (JsonObject *params,
       const char *name)
{
  JsonNode *node;

  if (params == NULL || !json_object_has_member (params, name))
    return g_strdup ("");
  node = json_object_get_member (params, name);
  if (JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup (json_node_get_string (node));
}

static gboolean
has_param (JsonObject *params,
           const char *name)
{
  return params != NULL && json_object_has_member (params, name) &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (params, name));
}

static gint64
param_int (JsonObject *params,
           const char *name)
{
  g_autofree char *text = param (params, name);

  return g_ascii_strtoll (text, NULL, 10);
}

static GDateTime *
param_moment (JsonObject *params,
              const char *name)
{
  JsonNode *node;

  if (!has_param (params, name))
    return NULL;
  node = json_object_get_member (params, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return g_date_time_new_from_unix_local ((gint64) json_node_get_double (node));
}

/* The time of day of a moment, "14:05" or "2:05 PM", the way ui/common/fd-format.c writes it. */
static char *
param_time (JsonObject *params,
            const char *name)
{
  g_autoptr(GDateTime) local = param_moment (params, name);

  return local != NULL ? fd_clock_format_time (local, FALSE) : g_strdup ("");
}

/* A moment as its day in the locale's numeric form and its time of day. */
static char *
param_date_time (JsonObject *params,
                 const char *name)
{
  g_autoptr(GDateTime) local = param_moment (params, name);
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (local == NULL)
    return g_strdup ("");
  day = g_date_time_format (local, "%x");
  time = param_time (params, name);
  /* Translators: a day and a time of day, as in “12/02/2026 14:05” */
  return g_strdup_printf (_("%s %s"), day, time);
}

/* A day written YYYY-MM-DD by the server, in the locale's numeric form. */
static char *
param_day (JsonObject *params,
           const char *name)
{
  g_autofree char *text = param (params, name);
  g_autofree char *iso = g_strconcat (text, "T00:00:00", NULL);
  g_autoptr(GTimeZone) local_zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local_zone);

  if (day == NULL)
    return g_steal_pointer (&text);
  return g_date_time_format (day, "%x");
}

/* An identifier of the schema (a column, a table) as words: “birth date”. */
static char *
param_words (JsonObject *params,
             const char *name)
{
  g_autofree char *text = param (params, name);

  g_strdelimit (text, "_", ' ');
  return g_steal_pointer (&text);
}

static char *
invalid_value (JsonObject *params)
{
  g_autofree char *value = param (params, "value");
  g_autofree char *field = param_words (params, "field");
  g_autofree char *type = param (params, "type");
  const char *takes;

  /* The server sends 41 characters at most: more than 40 were typed. */
  if (g_utf8_strlen (value, -1) > 40)
    {
      char *cut = g_utf8_offset_to_pointer (value, 40);

      *cut = '\0';
      value = g_strconcat (g_steal_pointer (&value), "…", NULL);
    }

  if (g_str_equal (type, "smallint"))
    takes = _("it takes a whole number from -32768 to 32767");
  else if (g_str_equal (type, "integer"))
    takes = _("it takes a whole number from -2147483648 to 2147483647");
  else if (g_str_equal (type, "bigint"))
    takes = _("it takes a whole number of at most 18 digits");
  else if (g_str_equal (type, "date"))
    takes = _("it takes a real date, written YYYY-MM-DD");
  else if (g_str_equal (type, "time without time zone"))
    takes = _("it takes a time of day, written HH:MM");
  else if (g_str_equal (type, "timestamp with time zone"))
    takes = _("it takes a date and time, written YYYY-MM-DD HH:MM");
  else if (g_str_equal (type, "boolean"))
    takes = _("it takes yes or no (true or false)");
  else if (g_str_equal (type, "interval"))
    takes = _("it takes a length of time, such as 30 minutes");
  else if (g_str_has_prefix (type, "numeric"))
    takes = _("it takes a number, such as 120.50");
  else
    takes = _("the field cannot hold it");

  /* Translators: a value typed into a field, the field, and what the field takes */
  return g_strdup_printf (_("“%s” is not a valid %s: %s."), value, field, takes);
}

static char *
constraint_broken (JsonObject *params)
{
  g_autofree char *constraint = param (params, "constraint");
  g_autofree char *column = param_words (params, "column");
  const char *sentence = fd_db_error_constraint_sentence (constraint);

  if (sentence != NULL)
    return g_strdup (sentence);
  if (column[0] != '\0')
    /* Translators: the name of a field, such as “birth date” */
    return g_strdup_printf (_("The %s must be filled in with a valid value."), column);
  return NULL;   /* the server's own words, marked as such by the caller */
}

static char *
admin_only (JsonObject *params)
{
  static const FdDbErrorPhrase actions[] = {
    { "add sample data", N_("Only an administrator may add sample data.") },
    { "add staff logins", N_("Only an administrator may add staff logins.") },
    { "break record locks", N_("Only an administrator may break record locks.") },
    { "disable staff logins", N_("Only an administrator may disable staff logins.") },
    { "read the audit log", N_("Only an administrator may read the audit log.") },
    { "release save locks", N_("Only an administrator may release save locks.") },
    { "repair what the integrity checks found",
      N_("Only an administrator may repair what the integrity checks found.") },
    { "run the integrity checks", N_("Only an administrator may run the integrity checks.") },
    { "see the lock table", N_("Only an administrator may see the lock table.") },
    { "see who is connected", N_("Only an administrator may see who is connected.") },
    { "switch maintenance mode", N_("Only an administrator may switch maintenance mode.") },
  };
  g_autofree char *action = param (params, "action");
  const char *sentence = fd_db_error_phrase_find (actions, G_N_ELEMENTS (actions), action);

  return g_strdup (sentence != NULL ? sentence : _("Only an administrator may do this."));
}

static char *
immutable (JsonObject *params)
{
  static const FdDbErrorPhrase tables[] = {
    { "audit_log", N_("The audit log is never changed.") },
    { "procedure_notes", N_("Procedure notes are never changed: a new version is added instead.") },
    { "lock_losses", N_("A lock’s history is never changed.") },
    { "providers", N_("Providers are hidden, never deleted.") },
    { "employees", N_("Employees are hidden, never deleted.") },
    { "operatories", N_("Operatories are hidden, never deleted.") },
    { "definitions", N_("Definitions are hidden, never deleted.") },
    { "procedure_codes", N_("Procedure codes are hidden, never deleted.") },
    { "fee_schedules", N_("Fee schedules are hidden, never deleted.") },
    { "insurance_categories", N_("Insurance categories are hidden, never deleted.") },
    { "clients", N_("Clients are archived, never deleted.") },
    { "appointments", N_("Appointments are broken or completed, never deleted.") },
    { "procedures", N_("Procedures are never deleted.") },
  };
  g_autofree char *table = param (params, "table");
  const char *sentence = fd_db_error_phrase_find (tables, G_N_ELEMENTS (tables), table);

  return g_strdup (sentence != NULL ? sentence
                                    : _("These records are kept as they are: they are never "
                                        "changed or deleted."));
}

#define IS(k) g_str_equal (key, (k))
/* Each parameter of one sentence in a slot of its own, freed at the end. */
#define P(i, name) (params_text[(i)] = param (p, (name)))

/* The sentences with no more than plain parameters, by key. */
static char *
sentence_from_table (const char *key,
                     JsonObject *p)
{
  char *params_text[3] = { NULL, NULL, NULL };
  char *sentence = NULL;

  /* Record locks */
  if (IS ("record-held") && has_param (p, "since"))
    {
      char *since = param_time (p, "since");

      /* Translators: a person, their workstation and the time they opened the record */
      sentence = g_strdup_printf (_("%s at %s has this record open (since %s), so it cannot be "
                                    "changed now."), P (0, "holder"), P (1, "workstation"), since);
      g_free (since);
    }
  else if (IS ("record-held"))
    /* Translators: a person and their workstation */
    sentence = g_strdup_printf (_("%s at %s has this record open, so it cannot be changed now."),
                                P (0, "holder"), P (1, "workstation"));
  else if (IS ("record-changed-hands"))
    sentence = g_strdup_printf (_("The record changed hands meanwhile: %s at %s has it open now. "
                                  "Open it again to decide."), P (0, "holder"), P (1, "workstation"));
  /* Archiving clients (0021) */
  else if (IS ("payer-not-archived"))
    /* Translators: a client's first and last name */
    sentence = g_strdup_printf (_("%s %s pays for others in the family who are not archived: make "
                                  "someone else the family’s payer first."),
                                P (0, "first_name"), P (1, "last_name"));
  /* Holding a slot while booking (0024) */
  else if (IS ("slot-ends-first"))
    sentence = g_strdup (_("A booking must end after it starts."));
  else if (IS ("slot-no-operatory"))
    sentence = g_strdup (_("That operatory no longer exists; choose another."));
  /* The book's hours (0022) */
  else if (IS ("outside-hours"))
    {
      g_autofree char *opens = param_time (p, "opens");
      g_autofree char *closes = param_time (p, "closes");
      g_autofree char *starts = param_time (p, "starts");
      g_autofree char *ends = param_time (p, "ends");

      /* Translators: opening and closing time, then the appointment's start and end */
      sentence = g_strdup_printf (_("The practice is open from %s to %s: an appointment from %s "
                                    "to %s is outside its hours. Pick a start and length within "
                                    "them."), opens, closes, starts, ends);
    }
  else if (IS ("provider-not-scheduled"))
    {
      g_autofree char *numeric = param_day (p, "day");
      g_autofree char *iso = g_strconcat (json_object_get_string_member_with_default (p, "day", ""),
                                          "T12:00:00Z", NULL);
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);
      /* Translators: a weekday (%A) and a day in numbers (%x), as g_date_time_format() takes them */
      g_autofree char *day = when != NULL ? g_date_time_format (when, _("%A %x"))
                                          : g_strdup (numeric);

      if (P (0, "provider")[0] != '\0')
        /* Translators: a provider and a day */
        sentence = g_strdup_printf (_("%s is not scheduled on %s. Pick a day in their "
                                      "schedule, or another provider."), params_text[0], day);
      else
        /* Translators: a day */
        sentence = g_strdup_printf (_("The provider is not scheduled on %s. Pick a day in their "
                                      "schedule, or another provider."), day);
    }
  /* Asking another desk to release a record */
  else if (IS ("release-nobody"))
    sentence = g_strdup (_("Nobody has this record open any more. Open it again."));
  else if (IS ("release-holder-gone"))
    /* Translators: a person and their workstation */
    sentence = g_strdup_printf (_("%s at %s is no longer connected, so nobody can answer. The "
                                  "record is free now: open it again."),
                                P (0, "holder"), P (1, "workstation"));
  else if (IS ("release-own"))
    sentence = g_strdup (_("You have this record open already."));
  else if (IS ("release-holder-left"))
    /* Translators: a person and their workstation */
    sentence = g_strdup_printf (_("%s at %s no longer has this record open. Open it again."),
                                P (0, "holder"), P (1, "workstation"));
  else if (IS ("release-not-yours"))
    sentence = g_strdup (_("This request to release a record was not sent to you."));
  else if (IS ("release-answered"))
    sentence = g_strdup (_("This request to release a record is no longer waiting for an "
                           "answer."));
  else if (IS ("lock-renew-ran-out"))
    sentence = g_strdup (_("Your time to edit this record has already run out, so it cannot be "
                           "extended. Reload the record to edit it again."));
  else if (IS ("lock-ran-out"))
    sentence = g_strdup (_("Your time to edit this record ran out (the practice’s edit time "
                           "limit), so it was not saved. Reload the record and make your changes "
                           "again."));
  else if (IS ("lock-broken"))
    sentence = g_strdup (_("An administrator released your lock on this record, so it was not "
                           "saved. Reload the record and make your changes again."));
  else if (IS ("lock-gone"))
    sentence = g_strdup (_("Nobody holds this lock any more; nothing was done."));
  else if (IS ("lock-changed-hands"))
    sentence = g_strdup_printf (_("The lock changed hands: %s at %s holds it now. Nothing was "
                                  "done; look again before you act."),
                                P (0, "holder"), P (1, "workstation"));
  else if (IS ("kind-not-locked"))
    /* Translators: the kind of a record, as the database names it */
    sentence = g_strdup_printf (_("Records of “%s” are not locked."), P (0, "kind"));
  else if (IS ("busy"))
    sentence = g_strdup (_("Someone else is in the middle of changing this, so nothing was done. "
                           "Try again in a moment."));
  else if (IS ("busy-by"))
    sentence = g_strdup_printf (_("%s at %s is in the middle of changing this, so nothing was "
                                  "done. Try again in a moment."),
                                P (0, "holder"), P (1, "workstation"));
  else if (IS ("busy-by-login"))
    sentence = g_strdup_printf (_("The login “%s” (outside Frontdesk) is in the middle of "
                                  "changing this, so nothing was done. Try again in a moment."),
                                P (0, "login"));
  /* Save locks and data contexts */
  else if (IS ("save-lock-held"))
    sentence = g_strdup_printf (_("%s at %s holds the save lock; only an administrator can take "
                                  "it from them."), P (0, "holder"), P (1, "workstation"));
  else if (IS ("save-lock-held-save"))
    /* Translators: a person, their workstation and what the save lock is for */
    sentence = g_strdup_printf (_("Not saved: %s at %s holds the save lock for %s."),
                                P (0, "holder"), P (1, "workstation"), P (2, "context"));
  else if (IS ("save-lock-not-held"))
    sentence = g_strdup_printf (_("Not saved: take the save lock for %s first."), P (0, "context"));
  else if (IS ("context-unknown"))
    sentence = g_strdup_printf (_("“%s” is not a data context Frontdesk knows."), P (0, "context"));
  else if (IS ("context-name-length"))
    {
      gint64 length = param_int (p, "length");

      sentence = g_strdup_printf (ngettext ("A data context’s name has 1 to 250 characters; this "
                                            "one has %d.",
                                            "A data context’s name has 1 to 250 characters; this "
                                            "one has %d.", (gulong) length),
                                  (int) length);
    }
  else if (IS ("context-description-length"))
    {
      gint64 length = param_int (p, "length");

      sentence = g_strdup_printf (ngettext ("A data context’s description has 1 to 200 "
                                            "characters; this one has %d.",
                                            "A data context’s description has 1 to 200 "
                                            "characters; this one has %d.",
                                            (gulong) length),
                                  (int) length);
    }
  else if (IS ("context-read-only"))
    sentence = g_strdup (_("You may look at this but not save it; only an administrator can."));
  else if (IS ("context-not-open"))
    sentence = g_strdup_printf (_("Nobody has “%s” open; open it first."), P (0, "context"));
  /* Sessions and logins */
  else if (IS ("no-session"))
    sentence = g_strdup (_("This connection has no Frontdesk session open. Sign in again."));
  else if (IS ("not-staff"))
    sentence = g_strdup_printf (_("The login “%s” is not on the practice staff. Ask your "
                                  "administrator to add it."), P (0, "login"));
  else if (IS ("workstation-name-length"))
    sentence = g_strdup (_("The workstation name must have 1 to 100 characters."));
  else if (IS ("login-invalid"))
    sentence = g_strdup_printf (_("The login “%s” is not allowed: use 2 to 63 lower-case letters, "
                                  "digits or _, starting with a letter."), P (0, "login"));
  else if (IS ("password-not-encrypted"))
    sentence = g_strdup (_("The password must arrive encrypted (SCRAM-SHA-256)."));
  else if (IS ("login-exists"))
    sentence = g_strdup_printf (_("The login “%s” exists already."), P (0, "login"));
  else if (IS ("login-unknown"))
    sentence = g_strdup_printf (_("There is no staff login “%s”."), P (0, "login"));
  else if (IS ("disable-own-login"))
    sentence = g_strdup (_("You cannot disable your own login."));
  /* Records and their saves */
  else if (IS ("record-gone"))
    sentence = g_strdup (_("This record no longer exists."));
  else if (IS ("table-not-editable"))
    /* Translators: the name of a table of the database */
    sentence = g_strdup_printf (_("Records of “%s” cannot be edited."), P (0, "table"));
  else if (IS ("table-not-insertable"))
    sentence = g_strdup_printf (_("Records of “%s” cannot be added here."), P (0, "table"));
  else if (IS ("save-malformed"))
    sentence = g_strdup (_("A save needs a column, its original and its new value for each "
                           "change."));
  else if (IS ("insert-malformed"))
    sentence = g_strdup (_("A new record needs a column and a value for each field given."));
  else if (IS ("field-not-changeable"))
    /* Translators: the name of a field as the database names it */
    sentence = g_strdup_printf (_("The field “%s” cannot be changed."), P (0, "field"));
  else if (IS ("field-changed-twice"))
    sentence = g_strdup_printf (_("The field “%s” is changed twice in one save."), P (0, "field"));
  else if (IS ("field-not-settable"))
    sentence = g_strdup_printf (_("The field “%s” cannot be set."), P (0, "field"));
  else if (IS ("field-given-twice"))
    sentence = g_strdup_printf (_("The field “%s” is given twice."), P (0, "field"));
  else if (IS ("id-chosen"))
    sentence = g_strdup_printf (_("The server numbers new records itself: leave out the id (%s "
                                  "was given)."), P (0, "id"));
  else if (IS ("id-changed"))
    sentence = g_strdup_printf (_("A record keeps its number: No. %s cannot be changed."),
                                P (0, "id"));
  else if (IS ("birth-date-future"))
    {
      char *day = param_day (p, "date");

      sentence = g_strdup_printf (_("The date of birth %s is in the future."), day);
      g_free (day);
    }
  else if (IS ("procedure-gone"))
    sentence = g_strdup_printf (_("Procedure No. %s does not exist."), P (0, "procedure"));
  /* Clients' families and accounts */
  else if (IS ("client-gone"))
    sentence = g_strdup_printf (_("Client No. %s does not exist."), P (0, "client"));
  else if (IS ("already-payer"))
    sentence = g_strdup_printf (_("Client No. %s pays for the family already."), P (0, "client"));
  else if (IS ("account-only"))
    sentence = g_strdup (_("Only a client’s account is saved this way."));
  else if (IS ("account-field"))
    sentence = g_strdup_printf (_("The field “%s” is not part of the account."), P (0, "field"));
  else if (IS ("account-on-guarantor"))
    sentence = g_strdup_printf (_("Client No. %s does not pay for a family; the account is kept "
                                  "on the guarantor."), P (0, "client"));
  else if (IS ("guarantor-not-payer"))
    sentence = g_strdup_printf (_("Client No. %s does not pay for a family; the guarantor is the "
                                  "one who pays (their own guarantor)."), P (0, "client"));
  else if (IS ("payer-pays-for-others"))
    sentence = g_strdup_printf (_("Client No. %s pays for others in the family; give them another "
                                  "guarantor first."), P (0, "client"));
  /* Fees */
  else if (IS ("fees-malformed"))
    sentence = g_strdup (_("Each procedure code needs the fee shown and the fee wanted."));
  else if (IS ("procedure-code-gone"))
    sentence = g_strdup_printf (_("There is no procedure code No. %s."), P (0, "code"));
  else if (IS ("fee-changed") && has_param (p, "fee"))
    /* Translators: a procedure code and the fee someone else saved for it */
    sentence = g_strdup_printf (_("The fee for %s was changed to %s meanwhile; nothing was saved. "
                                  "Check it and save again."), P (0, "code"), P (1, "fee"));
  else if (IS ("fee-changed"))
    sentence = g_strdup_printf (_("The fee for %s was removed meanwhile; nothing was saved. Check "
                                  "it and save again."), P (0, "code"));
  else if (IS ("fee-not-amount"))
    sentence = g_strdup_printf (_("The fee for %s is not an amount: “%s”."), P (0, "code"),
                                P (1, "amount"));
  else if (IS ("fee-out-of-range"))
    sentence = g_strdup_printf (_("The fee for %s must be between 0 and 99999999.99, in cents at "
                                  "most: “%s”."), P (0, "code"), P (1, "amount"));
  /* Administration */
  else if (IS ("maintenance"))
    {
      char *since = param_date_time (p, "since");

      /* Translators: the reason for maintenance, who switched it on, and when */
      sentence = g_strdup_printf (_("The practice database is in maintenance (%s), switched on by "
                                    "%s at %s. Changes are possible again once an administrator "
                                    "switches it off."), P (0, "reason"), P (1, "by"), since);
      g_free (since);
    }
  else if (IS ("maintenance-on-off"))
    sentence = g_strdup (_("Say whether maintenance mode goes on or off."));
  else if (IS ("maintenance-reason"))
    sentence = g_strdup (_("Maintenance mode needs a reason of 1 to 200 characters; everyone sees "
                           "it in the banner."));
  else if (IS ("audit-page-size"))
    sentence = g_strdup_printf (_("A page of the audit log has 1 to 1000 rows, not %s."),
                                P (0, "size"));
  else if (IS ("audit-period-empty"))
    {
      char *since = param_date_time (p, "since");
      char *until = param_date_time (p, "until");

      sentence = g_strdup_printf (_("The period is empty: %s is not before %s."), since, until);
      g_free (since);
      g_free (until);
    }
  else if (IS ("audit-record-form"))
    sentence = g_strdup_printf (_("A record is written KIND:ID, like clients:12 or "
                                  "context:fees:3; “%s” is not."), P (0, "record"));
  else if (IS ("audit-entry-gone"))
    sentence = g_strdup_printf (_("There is no audit entry %s."), P (0, "entry"));
  else if (IS ("integrity-check-unknown"))
    sentence = g_strdup_printf (_("There is no integrity check “%s”."), P (0, "check"));
  else if (IS ("integrity-not-repairable"))
    sentence = g_strdup_printf (_("What “%s” finds needs a person to decide; it is not repaired "
                                  "automatically."), P (0, "check"));
  else if (IS ("sample-client-count"))
    sentence = g_strdup (_("The number of clients must be between 1 and 10,000,000."));
  else if (IS ("sample-not-empty"))
    sentence = g_strdup (_("The practice has clients already; sample data only goes into an "
                           "empty practice."));
  /* The appointment book */
  else if (IS ("slot-length"))
    sentence = g_strdup (_("An appointment lasts 5 to 600 minutes, in steps of 5."));
  else if (IS ("slot-day-part"))
    sentence = g_strdup (_("The part of the day is morning, afternoon or any."));
  else if (IS ("slot-search"))
    sentence = g_strdup (_("A search needs a first day and 1 to 500 openings."));

  for (gsize i = 0; i < G_N_ELEMENTS (params_text); i++)
    g_free (params_text[i]);
  return sentence;
}

#undef P
#undef IS

/**
 * fd_db_error_sentence:
 * @key: the key of a server refusal
 * @params: (nullable): its parameters
 *
 * Returns: (transfer full) (nullable): the translated sentence, or NULL when @key is not
 *   known (or, for a broken rule, when the rule is not known and names no field)
 */
char *
fd_db_error_sentence (const char *key,
                      JsonObject *params)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "invalid-value"))
    return invalid_value (params);
  if (g_str_equal (key, "constraint"))
    return constraint_broken (params);
  if (g_str_equal (key, "admin-only"))
    return admin_only (params);
  if (g_str_equal (key, "immutable"))
    return immutable (params);
  return sentence_from_table (key, params);
}

/**
 * fd_db_error_sentence_for_detail:
 * @detail: (nullable): the DETAIL of a server error
 *
 * Returns: (transfer full) (nullable): the sentence for the key @detail carries, or NULL
 *   when it carries none this program knows
 */
char *
fd_db_error_sentence_for_detail (const char *detail)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;

  if (detail == NULL || detail[0] != '{')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, detail, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "key") ||
      json_node_get_value_type (json_object_get_member (object, "key")) != G_TYPE_STRING)
    return NULL;
  return fd_db_error_sentence (json_object_get_string_member (object, "key"), object);
}
