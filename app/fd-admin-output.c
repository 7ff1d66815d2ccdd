/* fd-admin-output.c: aligned columns for a person, JSON for a script, from a PGresult.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON is written here rather than with a library: the program needs only arrays of flat
 * objects, and each value keeps the type the server gave it (booleans, numbers, JSON).
 */
#include <glib/gi18n.h>

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
 * fd_admin_append_json_string:
 * @text: UTF-8
 *
 * Appends @text as a JSON string: quotes, backslashes and control characters escaped.
 */
void
fd_admin_append_json_string (GString    *out,
                             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_value (GString        *out,
                   const PGresult *result,
                   int             row,
                   int             column)
{
  const char *value = PQgetvalue (result, row, column);

  if (PQgetisnull (result, row, column))
    {
      g_string_append (out, "null");
      return;
    }

  switch (PQftype (result, column))
    {
    case BOOLOID:
      g_string_append (out, g_str_equal (value, "t") ? "true" : "false");
      break;
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case JSONOID:
    case JSONBOID:
      /* The server wrote these as JSON already. */
      g_string_append (out, value);
      break;
    default:
      fd_admin_append_json_string (out, value);
    }
}

/**
 * fd_admin_append_json_rows:
 * @rows: (nullable): the rows to write, %NULL for all
 *
 * Appends an array with one object per row, its keys the result's column names.
 */
void
fd_admin_append_json_rows (GString        *out,
                           const PGresult *result,
                           const int      *rows,
                           int             n_rows)
{
  int count = rows != NULL ? n_rows : PQntuples (result);

  g_string_append_c (out, '[');
  for (int i = 0; i < count; i++)
    {
      int row = rows != NULL ? rows[i] : i;

      g_string_append (out, i > 0 ? ",\n {" : "{");
      for (int column = 0; column < PQnfields (result); column++)
        {
          if (column > 0)
            g_string_append (out, ", ");
          fd_admin_append_json_string (out, PQfname (result, column));
          g_string_append (out, ": ");
          append_json_value (out, result, row, column);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]\n");
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
