/* fd-admin-output.c: aligned columns for a person, JSON for a script, from a PGresult.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON is built with json-glib: each value keeps the type the server gave it (booleans,
 * numbers, JSON), and every timestamp is ISO 8601 with its offset.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fd-admin-output.h"
#include "fd-pg.h"

/* PostgreSQL's type OIDs (server/catalog/pg_type.h), fixed since long ago. */
#define BOOLOID        16
#define INT8OID        20
#define INT2OID        21
#define INT4OID        23
#define JSONOID        114
#define TIMESTAMPTZOID 1184
#define JSONBOID       3802

/**
 * fd_admin_json_timestamp:
 * @value: a timestamptz as the server writes it ("2026-12-01 14:30:05.123+01")
 *
 * Returns: (transfer full): the same instant in ISO 8601 ("2026-12-01T14:30:05.123+01:00"),
 *   or a copy of @value if it is not a timestamp (infinity)
 */
char *
fd_admin_json_timestamp (const char *value)
{
  g_autofree char *iso = g_strdup (value);
  g_autoptr(GDateTime) when = NULL;
  char *space = strchr (iso, ' ');

  if (space != NULL)
    *space = 'T';
  when = g_date_time_new_from_iso8601 (iso, NULL);
  if (when == NULL)
    return g_strdup (value);
  return g_date_time_format_iso8601 (when);
}

static void
add_value (JsonBuilder    *builder,
           const PGresult *result,
           int             row,
           int             column)
{
  const char *value = PQgetvalue (result, row, column);

  if (PQgetisnull (result, row, column))
    {
      json_builder_add_null_value (builder);
      return;
    }

  switch (PQftype (result, column))
    {
    case BOOLOID:
      json_builder_add_boolean_value (builder, g_str_equal (value, "t"));
      break;
    case INT2OID:
    case INT4OID:
    case INT8OID:
      json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
      break;
    case JSONOID:
    case JSONBOID:
      {
        JsonNode *node = json_from_string (value, NULL);

        /* The server wrote it; should it ever not parse, keep it as text. */
        if (node != NULL)
          json_builder_add_value (builder, node);
        else
          json_builder_add_string_value (builder, value);
      }
      break;
    case TIMESTAMPTZOID:
      {
        g_autofree char *iso = fd_admin_json_timestamp (value);

        json_builder_add_string_value (builder, iso);
      }
      break;
    default:
      json_builder_add_string_value (builder, value);
    }
}

static void
add_row (JsonBuilder    *builder,
         const PGresult *result,
         int             row)
{
  json_builder_begin_object (builder);
  for (int column = 0; column < PQnfields (result); column++)
    {
      json_builder_set_member_name (builder, PQfname (result, column));
      add_value (builder, result, row, column);
    }
  json_builder_end_object (builder);
}

/**
 * fd_admin_json_row:
 *
 * Returns: (transfer full): an object of @row, its keys the result's column names
 */
JsonNode *
fd_admin_json_row (const PGresult *result,
                   int             row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_row (builder, result, row);
  return json_builder_get_root (builder);
}

/**
 * fd_admin_json_rows:
 * @rows: (nullable): the rows to write, %NULL for all
 *
 * Returns: (transfer full): an array with one object per row
 */
JsonNode *
fd_admin_json_rows (const PGresult *result,
                    const int      *rows,
                    int             n_rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int count = rows != NULL ? n_rows : PQntuples (result);

  json_builder_begin_array (builder);
  for (int i = 0; i < count; i++)
    add_row (builder, result, rows != NULL ? rows[i] : i);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/**
 * fd_admin_print_json:
 * @node: (transfer full)
 *
 * Writes @node to standard output, indented, with a newline.
 */
void
fd_admin_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_node_unref (node);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * fd_admin_cell_text:
 *
 * Returns: the value of @column at @row as a person reads it: "" for NULL, yes or no,
 *   a time to the minute
 */
char *
fd_admin_cell_text (const PGresult *result,
                    int             row,
                    const char     *column)
{
  int number = PQfnumber (result, column);
  const char *value;

  g_assert (number >= 0);
  if (PQgetisnull (result, row, number))
    return g_strdup ("");

  value = PQgetvalue (result, row, number);
  switch (PQftype (result, number))
    {
    case BOOLOID:
      return g_strdup (g_str_equal (value, "t") ? _("yes") : _("no"));
    case TIMESTAMPTZOID:
      return g_strndup (value, 16);
    default:
      return g_strdup (value);
    }
}

static void
print_padded (const char *text,
              int         width,
              gboolean    last)
{
  /* Pad by characters, not bytes, so accented names line up. */
  int padding = width - (int) g_utf8_strlen (text, -1);

  if (last)
    g_print ("%s\n", text);
  else
    g_print ("%s%*s  ", text, MAX (padding, 0), "");
}

/**
 * fd_admin_print_table:
 * @rows: (nullable): the rows to print, %NULL for all
 *
 * Prints the headings and one line per row, each column as wide as its widest value.
 */
void
fd_admin_print_table (const PGresult      *result,
                      const int           *rows,
                      int                  n_rows,
                      const FdAdminColumn *columns,
                      guint                n_columns)
{
  int count = rows != NULL ? n_rows : PQntuples (result);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *widths = g_new0 (int, n_columns);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = g_utf8_strlen (_(columns[c].heading), -1);
  for (int i = 0; i < count; i++)
    for (guint c = 0; c < n_columns; c++)
      {
        char *text = columns[c].cell (result, rows != NULL ? rows[i] : i);

        widths[c] = MAX (widths[c], (int) g_utf8_strlen (text, -1));
        g_ptr_array_add (cells, text);
      }

  for (guint c = 0; c < n_columns; c++)
    print_padded (_(columns[c].heading), widths[c], c + 1 == n_columns);
  for (int i = 0; i < count; i++)
    for (guint c = 0; c < n_columns; c++)
      print_padded (g_ptr_array_index (cells, i * n_columns + c), widths[c], c + 1 == n_columns);
}
