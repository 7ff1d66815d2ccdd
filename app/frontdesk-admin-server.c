/* frontdesk-admin-server.c: frontdesk-admin's administration commands: the lock table,
 * sessions, maintenance mode, the audit log and the integrity checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The permissions are the server's, as in the program: a staff member's login gets the
 * server's refusal (exit status 3). Each listing prints aligned columns, or with --json an
 * array of objects with every column the server returned (json-glib, ISO 8601 times).
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "fd-admin-output.h"
#include "fd-administration.h"
#include "fd-maintenance.h"
#include "fd-pg.h"
#include "frontdesk-admin.h"

static char *opt_reason;
static gboolean opt_fix;
static char *opt_audit_user;
static char *opt_record;
static char *opt_action;
static char *opt_since;
static char *opt_until;
static int opt_limit = 50;
static gint64 opt_before;

const GOptionEntry admin_maintenance_on_entries[] = {
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason,
    N_("Why, as everyone will read it"), N_("TEXT") },
  { NULL }
};

const GOptionEntry admin_integrity_entries[] = {
  { "fix", 0, 0, G_OPTION_ARG_NONE, &opt_fix,
    N_("Repair what is safe to repair, then check again"), NULL },
  { NULL }
};

/* --user is whose actions to list; -U (--username) still names whom to log in as. */
const GOptionEntry admin_audit_entries[] = {
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_audit_user,
    N_("Only what this login did"), N_("LOGIN") },
  { "record", 0, 0, G_OPTION_ARG_STRING, &opt_record,
    N_("Only this record (clients:12) or data context (context:fees:3)"), N_("KIND:ID") },
  { "action", 0, 0, G_OPTION_ARG_STRING, &opt_action,
    N_("Only this action (update, lock broken, maintenance on…)"), N_("ACTION") },
  { "since", 0, 0, G_OPTION_ARG_STRING, &opt_since,
    N_("From this date or time on"), N_("DATE") },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until,
    N_("Before this date or time"), N_("DATE") },
  { "limit", 0, 0, G_OPTION_ARG_INT, &opt_limit,
    N_("How many entries (default 50, at most 1000)"), N_("N") },
  { "before", 0, 0, G_OPTION_ARG_INT64, &opt_before,
    N_("The entries older than entry ID (the next page)"), N_("ID") },
  { NULL }
};

static FdAdministration *
administration_for (Admin *admin)
{
  return fd_administration_new (admin->connection);
}

static int
no_arguments (char       **args,
              const char  *command)
{
  g_autofree char *message = NULL;

  if (g_strv_length (args) == 0)
    return EXIT_OK;
  message = g_strdup_printf (_("%s takes no arguments."), command);
  return usage_error (message);
}

static void
print_json_rows (const PGresult *result,
                 GArray         *rows)
{
  fd_admin_print_json (fd_admin_json_rows (result, rows != NULL ? (int *) rows->data : NULL,
                                           rows != NULL ? (int) rows->len : 0));
}

/* Locks and sessions ---------------------------------------------------------------------- */

static char *
cell_description (const PGresult *result,
                  int             row)
{
  return fd_admin_cell_text (result, row, "description");
}

static char *
cell_record (const PGresult *result,
             int             row)
{
  g_autofree char *kind = fd_admin_cell_text (result, row, "record_kind");
  g_autofree char *id = fd_admin_cell_text (result, row, "record_id");

  return g_strdup_printf ("%s %s", kind, id);
}

static char *
cell_context (const PGresult *result,
              int             row)
{
  return fd_admin_cell_text (result, row, "record_id");
}

static char *
cell_holder (const PGresult *result,
             int             row)
{
  g_autofree char *name = fd_admin_cell_text (result, row, "holder_name");
  g_autofree char *session = fd_admin_cell_text (result, row, "holder_session");

  /* Translators: a person's name and their session number */
  return g_strdup_printf (_("%s (session %s)"), name, session);
}

static char *
cell_holder_workstation (const PGresult *result,
                         int             row)
{
  return fd_admin_cell_text (result, row, "holder_workstation");
}

static char *
cell_since (const PGresult *result,
            int             row)
{
  return fd_admin_cell_text (result, row, "since");
}

static char *
cell_expires (const PGresult *result,
              int             row)
{
  return fd_admin_cell_text (result, row, "expires_at");
}

static char *
cell_lock_state (const PGresult *result,
                 int             row)
{
  if (g_str_equal (PQgetvalue (result, row, PQfnumber (result, "alive")), "f"))
    return g_strdup (_("holder gone"));
  if (g_str_equal (PQgetvalue (result, row, PQfnumber (result, "expired")), "t"))
    return g_strdup (_("expired"));
  return g_strdup (_("held"));
}

static const FdAdminColumn record_lock_columns[] = {
  { N_("RECORD"), cell_record },
  { N_("DESCRIPTION"), cell_description },
  { N_("HOLDER"), cell_holder },
  { N_("WORKSTATION"), cell_holder_workstation },
  { N_("SINCE"), cell_since },
  { N_("EXPIRES"), cell_expires },
  { N_("STATE"), cell_lock_state },
};

static const FdAdminColumn save_lock_columns[] = {
  { N_("CONTEXT"), cell_context },
  { N_("DESCRIPTION"), cell_description },
  { N_("HOLDER"), cell_holder },
  { N_("WORKSTATION"), cell_holder_workstation },
  { N_("SINCE"), cell_since },
  { N_("STATE"), cell_lock_state },
};

/* Prints the locks of one kind (record or save) from the lock table. */
static int
print_locks (Admin               *admin,
             const char          *lock_kind,
             const FdAdminColumn *columns,
             guint                n_columns,
             const char          *none)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) locks = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;

  fd_administration_list_locks_async (administration, NULL, store_result_cb, &result);
  locks = fd_administration_list_locks_finish (administration, wait_for (&result), &error);
  if (locks == NULL)
    return fail (error);

  for (int row = 0; row < PQntuples (locks); row++)
    if (g_str_equal (PQgetvalue (locks, row, PQfnumber (locks, "lock_kind")), lock_kind))
      g_array_append_val (rows, row);

  if (admin_json)
    print_json_rows (locks, rows);
  else if (rows->len == 0)
    g_print ("%s\n", none);
  else
    fd_admin_print_table (locks, (int *) rows->data, rows->len, columns, n_columns);
  return EXIT_OK;
}

int
locks_list_command (Admin  *admin,
                    char  **args)
{
  if (g_strv_length (args) != 0)
    return no_arguments (args, "locks list");
  return print_locks (admin, "record", record_lock_columns, G_N_ELEMENTS (record_lock_columns),
                      _("No record is locked."));
}

int
savelocks_list_command (Admin  *admin,
                        char  **args)
{
  if (g_strv_length (args) != 0)
    return no_arguments (args, "savelocks list");
  return print_locks (admin, "save", save_lock_columns, G_N_ELEMENTS (save_lock_columns),
                      _("No save lock is held."));
}

static void
print_json_boolean (const char *key,
                    gboolean    value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
  json_builder_end_object (builder);
  fd_admin_print_json (json_builder_get_root (builder));
}

/* Releases a record lock (@kind, @id) or, with @kind NULL, the save lock of context @id. */
static int
break_lock (Admin      *admin,
            const char *kind,
            const char *id)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_held = FALSE;
  gboolean done;

  if (kind != NULL)
    {
      fd_administration_break_lock_async (administration, kind, id, 0, NULL, store_result_cb,
                                          &result);
      done = fd_administration_break_lock_finish (administration, wait_for (&result), &was_held,
                                                  &error);
    }
  else
    {
      fd_administration_break_save_lock_async (administration, id, 0, NULL, store_result_cb,
                                               &result);
      done = fd_administration_break_save_lock_finish (administration, wait_for (&result),
                                                       &was_held, &error);
    }
  if (!done)
    return fail (error);

  if (admin_json)
    print_json_boolean ("broken", was_held);
  else if (kind != NULL && was_held)
    g_print (_("Released the lock on %s %s; its holder can no longer save and must reload.\n"),
             kind, id);
  else if (kind != NULL)
    g_print (_("Nobody holds a lock on %s %s.\n"), kind, id);
  else if (was_held)
    g_print (_("Released the save lock for “%s”; its holder must acquire it again to save.\n"),
             id);
  else
    g_print (_("Nobody holds the save lock for “%s”.\n"), id);
  return EXIT_OK;
}

int
locks_break_command (Admin  *admin,
                     char  **args)
{
  if (g_strv_length (args) != 2)
    return usage_error (_("locks break needs the record's kind and number, like: locks break "
                          "clients 12"));
  return break_lock (admin, args[0], args[1]);
}

int
savelocks_break_command (Admin  *admin,
                         char  **args)
{
  if (g_strv_length (args) != 1)
    return usage_error (_("savelocks break needs the data context's name, like: savelocks "
                          "break fees:3"));
  return break_lock (admin, NULL, args[0]);
}

int
savelocks_take_command (Admin  *admin,
                        char  **args)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 1)
    return usage_error (_("savelocks take needs the data context's name, like: savelocks take "
                          "fees:3"));

  fd_administration_take_save_lock_async (administration, args[0], 0, NULL, store_result_cb,
                                          &result);
  if (!fd_administration_take_save_lock_finish (administration, wait_for (&result), &error))
    return fail (error);

  if (admin_json)
    print_json_boolean ("taken", TRUE);
  else
    g_print (_("Took the save lock for “%s”; it is free again now that this command ends.\n"),
             args[0]);
  return EXIT_OK;
}

static char *
cell_session (const PGresult *result,
              int             row)
{
  return fd_admin_cell_text (result, row, "session_id");
}

static char *
cell_login (const PGresult *result,
            int             row)
{
  return fd_admin_cell_text (result, row, "login");
}

static char *
cell_display_name (const PGresult *result,
                   int             row)
{
  return fd_admin_cell_text (result, row, "display_name");
}

static char *
cell_workstation (const PGresult *result,
                  int             row)
{
  return fd_admin_cell_text (result, row, "workstation");
}

static char *
cell_role (const PGresult *result,
           int            row)
{
  return g_strdup (g_str_equal (PQgetvalue (result, row, PQfnumber (result, "is_admin")), "t")
                   ? _("administrator") : _("staff"));
}

static char *
cell_opened (const PGresult *result,
             int             row)
{
  return fd_admin_cell_text (result, row, "opened_at");
}

static char *
cell_connection (const PGresult *result,
                 int             row)
{
  g_autofree char *address = fd_admin_cell_text (result, row, "client_address");

  if (g_str_equal (PQgetvalue (result, row, PQfnumber (result, "alive")), "f"))
    return g_strdup (_("gone"));
  if (g_str_equal (PQgetvalue (result, row, PQfnumber (result, "is_mine")), "t"))
    return g_strdup_printf (_("%s (this command)"), address);
  return g_steal_pointer (&address);
}

static char *
cell_lock_counts (const PGresult *result,
                  int             row)
{
  g_autofree char *records = fd_admin_cell_text (result, row, "record_locks");
  g_autofree char *saves = fd_admin_cell_text (result, row, "save_locks");

  /* Translators: how many record locks and save locks a session holds */
  return g_strdup_printf (_("%s + %s"), records, saves);
}

static const FdAdminColumn session_columns[] = {
  { N_("SESSION"), cell_session },
  { N_("LOGIN"), cell_login },
  { N_("NAME"), cell_display_name },
  { N_("ROLE"), cell_role },
  { N_("WORKSTATION"), cell_workstation },
  { N_("SINCE"), cell_opened },
  { N_("CONNECTION"), cell_connection },
  { N_("LOCKS+SAVE"), cell_lock_counts },
};

int
sessions_command (Admin  *admin,
                  char  **args)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) sessions = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 0)
    return no_arguments (args, "sessions");

  fd_administration_list_sessions_async (administration, NULL, store_result_cb, &result);
  sessions = fd_administration_list_sessions_finish (administration, wait_for (&result), &error);
  if (sessions == NULL)
    return fail (error);

  if (admin_json)
    print_json_rows (sessions, NULL);
  else
    fd_admin_print_table (sessions, NULL, 0, session_columns, G_N_ELEMENTS (session_columns));
  return EXIT_OK;
}

/* Maintenance ----------------------------------------------------------------------------- */

static gboolean
read_maintenance (FdMaintenance  *maintenance,
                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_maintenance_refresh_async (maintenance, NULL, store_result_cb, &result);
  return fd_maintenance_refresh_finish (maintenance, wait_for (&result), error);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_maintenance (FdMaintenance *maintenance)
{
  g_autofree char *description = fd_maintenance_dup_description (maintenance);
  g_autoptr(JsonBuilder) builder = NULL;
  GDateTime *since = fd_maintenance_get_since (maintenance);
  g_autofree char *since_text = since != NULL ? g_date_time_format_iso8601 (since) : NULL;

  if (!admin_json)
    {
      g_print ("%s\n", description != NULL ? description : _("Maintenance mode is off."));
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, fd_maintenance_get_active (maintenance));
  add_string_member (builder, "reason", fd_maintenance_get_reason (maintenance));
  add_string_member (builder, "by", fd_maintenance_get_by_name (maintenance));
  add_string_member (builder, "since", since_text);
  json_builder_end_object (builder);
  fd_admin_print_json (json_builder_get_root (builder));
}

static int
switch_maintenance (Admin      *admin,
                    gboolean    active,
                    const char *reason)
{
  g_autoptr(FdMaintenance) maintenance = fd_maintenance_new (admin->connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  fd_maintenance_switch_async (maintenance, active, reason, NULL, store_result_cb, &result);
  if (!fd_maintenance_switch_finish (maintenance, wait_for (&result), &changed, &error))
    return fail (error);

  if (!admin_json && !changed)
    g_print (active ? _("Maintenance mode was on already, for that reason.\n")
                    : _("Maintenance mode was off already.\n"));
  print_maintenance (maintenance);
  return EXIT_OK;
}

int
maintenance_on_command (Admin  *admin,
                        char  **args)
{
  if (g_strv_length (args) != 0 || opt_reason == NULL)
    return usage_error (_("maintenance on needs a reason everyone will read, like: maintenance "
                          "on --reason \"Moving the server, back at 13:00\""));
  return switch_maintenance (admin, TRUE, opt_reason);
}

int
maintenance_off_command (Admin  *admin,
                         char  **args)
{
  if (g_strv_length (args) != 0)
    return no_arguments (args, "maintenance off");
  return switch_maintenance (admin, FALSE, NULL);
}

int
maintenance_status_command (Admin  *admin,
                            char  **args)
{
  g_autoptr(FdMaintenance) maintenance = fd_maintenance_new (admin->connection);
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 0)
    return no_arguments (args, "maintenance status");
  if (!read_maintenance (maintenance, &error))
    return fail (error);
  print_maintenance (maintenance);
  return EXIT_OK;
}

/* The audit log --------------------------------------------------------------------------- */

static void
print_audit (const PGresult *entries)
{
  for (int row = 0; row < PQntuples (entries); row++)
    {
      g_autofree char *at = fd_admin_cell_text (entries, row, "at");
      g_autofree char *workstation = fd_admin_cell_text (entries, row, "workstation");
      g_autofree char *kind = fd_admin_cell_text (entries, row, "record_kind");
      g_autofree char *id = fd_admin_cell_text (entries, row, "record_id");
      g_autofree char *detail = fd_admin_cell_text (entries, row, "detail");
      g_autofree char *changes = fd_admin_cell_text (entries, row, "change_lines");
      g_auto(GStrv) lines = g_strsplit (changes, "\n", -1);

      g_print ("#%s  %s  %s (%s%s%s)  %s", PQgetvalue (entries, row, 0), at,
               PQgetvalue (entries, row, PQfnumber (entries, "actor_name")),
               PQgetvalue (entries, row, PQfnumber (entries, "actor")),
               workstation[0] != '\0' ? _(" at ") : "", workstation,
               PQgetvalue (entries, row, PQfnumber (entries, "action")));
      if (id[0] != '\0')
        g_print (" %s%s%s", kind, kind[0] != '\0' ? ":" : "", id);
      g_print ("\n");
      if (detail[0] != '\0')
        g_print ("      %s\n", detail);
      for (guint i = 0; changes[0] != '\0' && lines[i] != NULL; i++)
        g_print ("      %s\n", lines[i]);
    }
}

int
audit_command (Admin  *admin,
               char  **args)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) entries = NULL;
  g_autoptr(GError) error = NULL;
  FdAuditQuery query = { 0 };
  int count;

  if (g_strv_length (args) != 0)
    return usage_error (_("audit takes only options, like: audit --user anna --since "
                          "2026-11-01"));
  if (opt_limit < 1 || opt_limit > 1000)
    return usage_error (_("--limit must be from 1 to 1000."));

  query.login = opt_audit_user;
  query.record = opt_record;
  query.action = opt_action;
  query.since = opt_since;
  query.until = opt_until;
  query.before_id = opt_before;
  query.page_size = opt_limit;
  fd_administration_search_audit_async (administration, &query, NULL, store_result_cb, &result);
  entries = fd_administration_search_audit_finish (administration, wait_for (&result), &error);
  if (entries == NULL && g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_INVALID_DATA))
    {
      g_autofree char *message = NULL;

      /* Translators: the server's words follow in parentheses */
      message = g_strdup_printf (_("--since and --until take a date like 2026-11-01, or a date "
                                   "and time like \"2026-11-01 14:30\" (%s)"), error->message);
      return usage_error (message);
    }
  if (entries == NULL)
    return fail (error);

  if (admin_json)
    {
      print_json_rows (entries, NULL);
      return EXIT_OK;
    }

  count = PQntuples (entries);
  if (count == 0)
    g_print (_("No audit entries match.\n"));
  print_audit (entries);
  if (count == opt_limit)
    g_print (_("More: add --before %s for older entries.\n"), PQgetvalue (entries, count - 1, 0));
  return EXIT_OK;
}

/* Integrity ------------------------------------------------------------------------------- */

static void
progress_cb (guint       done,
             guint       total,
             const char *title,
             gpointer    user_data)
{
  if (title != NULL)
    g_printerr ("[%u/%u] %s…\n", done + 1, total, title);
}

static void
print_findings_json (GListModel *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "check", fd_integrity_finding_get_check (finding));
      add_string_member (builder, "title", fd_integrity_finding_get_title (finding));
      add_string_member (builder, "severity", fd_integrity_finding_get_severity (finding));
      add_string_member (builder, "record_kind", fd_integrity_finding_get_record_kind (finding));
      add_string_member (builder, "record_id", fd_integrity_finding_get_record_id (finding));
      add_string_member (builder, "message", fd_integrity_finding_get_message (finding));
      json_builder_set_member_name (builder, "repairable");
      json_builder_add_boolean_value (builder, fd_integrity_finding_get_repairable (finding));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  fd_admin_print_json (json_builder_get_root (builder));
}

int
integrity_command (Admin  *admin,
                   char  **args)
{
  g_autoptr(FdAdministration) administration = administration_for (admin);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  const char *title = NULL;
  guint n_findings;
  gboolean problems = FALSE;
  guint repairable = 0;

  if (g_strv_length (args) != 0)
    return no_arguments (args, "integrity");

  fd_administration_check_integrity_async (administration, opt_fix, progress_cb, NULL, NULL, NULL,
                                           store_result_cb, &result);
  findings = fd_administration_check_integrity_finish (administration, wait_for (&result),
                                                       &error);
  if (findings == NULL)
    return fail (error);

  n_findings = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);
      const char *severity = fd_integrity_finding_get_severity (finding);

      problems |= g_str_equal (severity, "error") || g_str_equal (severity, "warning");
      repairable += fd_integrity_finding_get_repairable (finding);
    }

  if (admin_json)
    {
      print_findings_json (findings);
      return problems ? EXIT_FOUND : EXIT_OK;
    }

  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);

      /* The model keeps every finding, so its title outlives this turn. */
      if (g_strcmp0 (title, fd_integrity_finding_get_title (finding)) != 0)
        {
          title = fd_integrity_finding_get_title (finding);
          g_print ("%s%s\n", i > 0 ? "\n" : "", title);
        }
      g_print ("  %-8s %s%s\n", fd_integrity_finding_get_severity (finding),
               fd_integrity_finding_get_message (finding),
               fd_integrity_finding_get_repairable (finding) ? _(" (repairable)") : "");
    }
  if (n_findings == 0)
    g_print (_("All checks passed: nothing to report.\n"));
  else if (repairable > 0)
    g_print (ngettext ("\n%u finding can be repaired safely: run integrity --fix.\n",
                       "\n%u findings can be repaired safely: run integrity --fix.\n",
                       repairable), repairable);
  return problems ? EXIT_FOUND : EXIT_OK;
}
