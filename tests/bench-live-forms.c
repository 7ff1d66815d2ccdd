/* bench-live-forms.c: how fast a save at one workstation shows in another's open form, next
 * to how fast it reaches the other's cache, with push and by polling alone. Not a test: build
 * everything (for the settings schema), then run it by hand from build/ under Xvfb:
 *   dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' ./tests/bench-live-forms
 * It takes about four minutes and prints a table for README.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both desks are the program's real windows (tests/fd-test-desk.c): A saves through the
 * editor's Save action, and the time stops when B's row itself shows A's value (its text or
 * its selected choice changes), not when a signal says it should.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fd-cache.h"
#include "fd-database.h"
#include "fd-edit-session.h"
#include "fd-account-section.h"
#include "fd-pg.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

#define PUSH_SAMPLES 200
#define POLL_SAMPLES 40
#define POLL_INTERVAL_S 1

static void
print_row (const char *what,
           GArray     *samples)
{
  double *values = (double *) samples->data;

  qsort (values, samples->len, sizeof (double), fd_test_compare_doubles);
  printf ("| %-60s | %6u | %9.3f | %9.3f | %9.3f | ms |\n", what, samples->len,
          values[samples->len / 2] * 1000, values[(guint) (samples->len * 0.99)] * 1000,
          values[samples->len - 1] * 1000);
}

typedef struct
{
  gboolean seen;
} Flag;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Flag       *flag)
{
  flag->seen = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return ((Flag *) user_data)->seen;
}

/* B's row: the moment it shows what A saved. */
typedef struct
{
  const char *want;
  gint64      seen_at;
} Follow;

static void
row_changed_cb (GObject    *row,
                GParamSpec *pspec,
                Follow     *follow)
{
  const char *shown = NULL;

  if (GTK_IS_EDITABLE (row))
    shown = gtk_editable_get_text (GTK_EDITABLE (row));
  else
    {
      GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (names != NULL && selected < g_list_model_get_n_items (names))
        shown = gtk_string_list_get_string (GTK_STRING_LIST (names), selected);
    }
  if (follow->seen_at == 0 && g_strcmp0 (shown, follow->want) == 0)
    follow->seen_at = g_get_monotonic_time ();
}

static gboolean
followed (gpointer user_data)
{
  return ((Follow *) user_data)->seen_at != 0;
}

/* How A's form takes a value; values[] alternate when the field is a choice. */
typedef void (*SetField) (FdTestDesk *desk, const char *value);

static void
set_city (FdTestDesk *desk,
          const char *value)
{
  fd_client_editor_set_field (desk->editor, "city", value);
}

static FdAccountSection *
account_of (FdTestDesk *desk)
{
  return FD_ACCOUNT_SECTION (fd_test_ui_find_descendant (GTK_WIDGET (desk->editor),
                                                         FD_TYPE_ACCOUNT_SECTION));
}

static void
set_billing (FdTestDesk *desk,
             const char *value)
{
  fd_account_section_set_choice (account_of (desk), "billing_type_id", value);
}

/* A sets the field and presses Save; until B's row shows it. */
static GArray *
measure_form (FdTestOffice *office,
              GtkWidget    *row,
              SetField      set,
              const char   *const *choices,
              guint         samples,
              gboolean      polling)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  Follow follow = { NULL, 0 };
  gulong handler = g_signal_connect (row, GTK_IS_EDITABLE (row) ? "notify::text"
                                                                : "notify::selected",
                                     G_CALLBACK (row_changed_cb), &follow);
  static guint n;

  for (guint i = 0; i < samples; i++)
    {
      g_autofree char *city = g_strdup_printf ("Bench City %u", n++);
      gint64 start;
      double elapsed;

      follow.want = choices != NULL ? choices[i % 2] : city;
      follow.seen_at = 0;
      set (&office->anna, follow.want);
      /* Polling: saves come at any moment between two polls, as a person's would. */
      if (polling)
        fd_test_spin (g_random_int_range (0, POLL_INTERVAL_S * 1000));
      start = g_get_monotonic_time ();
      fd_test_desk_save (&office->anna);
      fd_test_wait_until (followed, &follow, "B's form to follow");
      elapsed = (follow.seen_at - start) / 1e6;
      g_array_append_val (times, elapsed);
    }
  g_signal_handler_disconnect (row, handler);
  return times;
}

/* A (here the practice owner, who may change providers) commits a provider's change; until
 * B's cached providers reload. */
static GArray *
measure_cache (FdConnection *a,
               FdTestDesk   *b,
               guint     samples,
               gboolean  polling)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *providers = fd_cache_get_table (fd_database_get_cache (b->database), "providers");
  Flag flag = { FALSE };
  gulong handler = g_signal_connect (providers, "items-changed", G_CALLBACK (items_changed_cb),
                                     &flag);
  static guint n;

  for (guint i = 0; i < samples; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE frontdesk.providers SET sort_order = %u "
                                              "WHERE id = 1", 100 + n++);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PGresult) pg_result = NULL;
      gint64 start;
      double elapsed;

      if (polling)
        fd_test_spin (g_random_int_range (0, POLL_INTERVAL_S * 1000));
      start = g_get_monotonic_time ();
      flag.seen = FALSE;
      fd_connection_query_async (a, sql, 0, NULL, NULL,
                                 fd_test_store_result_cb, &result);
      fd_test_wait_until (flag_set, &flag, "B's cache to follow");
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (times, elapsed);
      pg_result = fd_connection_query_finish (a,
                                              fd_test_wait_for_result (&result), NULL);
    }
  g_signal_handler_disconnect (providers, handler);
  return times;
}

/* The family's billing type now, and the two choices A alternates between. */
static const char **
billing_choices (FdTestOffice *office,
                 const char   *guarantor)
{
  static const char *choices[2];
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(d.name, '') FROM frontdesk.clients c "
                                          "LEFT JOIN frontdesk.definitions d ON "
                                          "d.id = c.billing_type_id WHERE c.id = %s",
                                          guarantor);
  g_autofree char *billing = fd_test_query_value (office->owner, sql);

  choices[0] = g_str_equal (billing, "Cash") ? "Monthly statement" : "Cash";
  choices[1] = g_str_equal (choices[0], "Cash") ? "Monthly statement" : "Cash";
  return choices;
}

/* Client Details: B has A's client open, displaced; A took it over. */
static GtkWidget *
open_client_on_both (FdTestOffice *office)
{
  fd_test_desk_open_first_client (&office->ben);
  fd_test_desk_wait_for_record (&office->ben, "B's record");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
  fd_test_desk_wait_for_record (&office->anna, "A's record");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  return fd_test_desk_find_row (GTK_WIDGET (office->ben.window), "City");
}

/* The Account section: A has the guarantor open, B another member of the family. */
static GtkWidget *
open_family_on_both (FdTestOffice  *office,
                     const char   **guarantor_out)
{
  g_autofree char *sql = NULL;
  g_autofree char *member = NULL;
  char *guarantor = fd_test_query_value (office->owner,
                                         "SELECT guarantor_id FROM frontdesk.clients GROUP BY "
                                         "guarantor_id HAVING count(*) >= 2 ORDER BY 1 LIMIT 1");

  sql = g_strdup_printf ("SELECT id FROM frontdesk.clients WHERE guarantor_id = %s "
                         "AND id <> guarantor_id ORDER BY id LIMIT 1", guarantor);
  member = fd_test_query_value (office->owner, sql);
  fd_client_editor_open (office->anna.editor, guarantor);
  fd_test_desk_wait_for_record (&office->anna, "the guarantor's record");
  fd_test_desk_wait_save_lock (fd_account_section_get_lock (account_of (&office->anna)), TRUE,
                               "A's save lock on the family");
  fd_client_editor_open (office->ben.editor, member);
  fd_test_desk_wait_for_record (&office->ben, "B's record of the family");
  *guarantor_out = guarantor;
  return fd_test_desk_find_row (GTK_WIDGET (account_of (&office->ben)), "Billing type");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) client_push = NULL, client_polling = NULL;
  g_autoptr(GArray) account_push = NULL, account_polling = NULL;
  g_autoptr(GArray) cache_push = NULL, cache_polling = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *guarantor = NULL;
  const char **choices;
  FdSignals *b_signals;
  FdTestOffice office = { NULL, };
  GtkWidget *city, *billing;

  /* As the tests run it: the schema from the build, settings in memory. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", FD_BUILT_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  fd_test_ui_init (&argc, &argv);
  fd_test_office_setup (&office, NULL);

  city = open_client_on_both (&office);
  client_push = measure_form (&office, city, set_city, NULL, PUSH_SAMPLES, FALSE);
  cache_push = measure_cache (office.owner, &office.ben, PUSH_SAMPLES, FALSE);
  billing = open_family_on_both (&office, (const char **) &guarantor);
  choices = billing_choices (&office, guarantor);
  account_push = measure_form (&office, billing, set_billing, choices, PUSH_SAMPLES, FALSE);

  b_signals = fd_database_get_signals (office.ben.database);
  fd_signals_set_push (b_signals, FALSE);
  fd_signals_set_interval (b_signals, POLL_INTERVAL_S);
  account_polling = measure_form (&office, billing, set_billing, choices, POLL_SAMPLES, TRUE);
  city = open_client_on_both (&office);
  client_polling = measure_form (&office, city, set_city, NULL, POLL_SAMPLES, TRUE);
  cache_polling = measure_cache (office.owner, &office.ben, POLL_SAMPLES, TRUE);

  printf ("Frontdesk live forms, %s, %u cores, PostgreSQL on a local socket\n\n", today,
          g_get_num_processors ());
  printf ("| %-60s | %6s | %9s | %9s | %9s | %-2s |\n", "measure", "n", "median", "p99", "max",
          "");
  printf ("|%s|%s|%s|%s|%s|%s|\n", "--------------------------------------------------------------",
          "--------", "-----------", "-----------", "-----------", "----");
  print_row ("save on A -> Client Details field in B's form, push", client_push);
  print_row ("save on A -> Account section field in B's form, push", account_push);
  print_row ("commit on A -> B's cache reloaded, push", cache_push);
  print_row ("save on A -> Client Details field in B's form, 1 s polling", client_polling);
  print_row ("save on A -> Account section field in B's form, 1 s polling", account_polling);
  print_row ("commit on A -> B's cache reloaded, 1 s polling", cache_polling);

  fd_test_office_teardown (&office, NULL);
  return 0;
}
