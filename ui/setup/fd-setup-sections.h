/* fd-setup-sections.h: what each Setup section lists and edits, and how its values are
 * saved and added.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

typedef enum
{
  FD_SETUP_FIELD_TEXT,
  FD_SETUP_FIELD_SWITCH,
} FdSetupFieldKind;

typedef struct
{
  const char       *column;
  const char       *label;
  FdSetupFieldKind  kind;
} FdSetupField;

typedef struct
{
  const char         *table;
  const char         *title;
  const char         *add_label;
  const char         *title_columns[3];
  const char         *subtitle_column;
  const FdSetupField *fields;
  guint               n_fields;
} FdSetupSection;

const FdSetupSection *fd_setup_sections          (guint          *n_sections);
const FdSetupSection *fd_setup_section_find      (const char     *table);
const char           *fd_setup_category_name     (const char     *category);
gboolean              fd_setup_is_admin          (FdDatabase     *database);
void                  fd_setup_report            (GtkWidget      *widget,
                                                  const char     *message);
void                  fd_setup_save_values       (GtkWidget      *reporter,
                                                  FdDatabase     *database,
                                                  const char     *table,
                                                  const char     *id,
                                                  GHashTable     *values);
void                  fd_setup_insert_values     (GtkWidget      *reporter,
                                                  FdDatabase     *database,
                                                  const char     *table,
                                                  GHashTable     *values);
void                  fd_setup_set_hidden        (GtkWidget      *reporter,
                                                  FdDatabase     *database,
                                                  const char     *table,
                                                  const char     *id,
                                                  gboolean        hidden);
GHashTable           *fd_setup_values_new        (void);
GtkWidget            *fd_setup_field_row_new     (const FdSetupField *field,
                                                  const char         *value);
void                  fd_setup_field_row_collect (GtkWidget          *row,
                                                  GHashTable         *values);
void                  fd_setup_field_row_collect_edited (GtkWidget   *row,
                                                         GHashTable  *values);
void                  fd_setup_field_row_follow  (GtkWidget          *row,
                                                  FdDatabase         *database,
                                                  const char         *table,
                                                  const char         *key,
                                                  FdCacheRow         *stored);

G_END_DECLS
