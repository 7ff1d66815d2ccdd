/* fd-admin-output.h: frontdesk-admin's two ways of printing rows: aligned columns for a
 * person, JSON for a script.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "fd-pg.h"

G_BEGIN_DECLS

/* One column of a table: its heading and how to get its text (owned) from a row. */
typedef char *(*FdAdminCellFunc) (const PGresult *result,
                                  int             row);

typedef struct
{
  const char      *heading;  /* translatable, N_() */
  FdAdminCellFunc  cell;
} FdAdminColumn;

JsonNode *fd_admin_json_row        (const PGresult      *result,
                                    int                  row);
JsonNode *fd_admin_json_rows       (const PGresult      *result,
                                    const int           *rows,
                                    int                  n_rows);
char     *fd_admin_json_timestamp  (const char          *value);
void      fd_admin_print_json      (JsonNode            *node);
void      fd_admin_print_table     (const PGresult      *result,
                                    const int           *rows,
                                    int                  n_rows,
                                    const FdAdminColumn *columns,
                                    guint                n_columns);
char     *fd_admin_cell_text       (const PGresult      *result,
                                    int                  row,
                                    const char          *column);

G_END_DECLS
