/* fd-client-fields.h: a client's own fields as the forms show them (Client Details and
 * New Client): their labels, groups and the checks made as they are typed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  FD_CLIENT_FIELD_TEXT,
  FD_CLIENT_FIELD_DATE,
  FD_CLIENT_FIELD_EMAIL,
  FD_CLIENT_FIELD_PHONE,
} FdClientFieldKind;

typedef enum
{
  FD_CLIENT_GROUP_IDENTITY,
  FD_CLIENT_GROUP_CONTACT,
  FD_CLIENT_GROUP_ADDRESS,
  FD_CLIENT_N_GROUPS,
} FdClientGroup;

typedef struct
{
  const char        *column;
  const char        *label;       /* untranslated: _() it */
  FdClientGroup      group;
  FdClientFieldKind  kind;
  int                max_length;
  gboolean           required;
} FdClientField;

const FdClientField *fd_client_fields_get      (guint               *n_fields);
const FdClientField *fd_client_fields_find     (const char          *column);
char                *fd_client_field_validate  (const FdClientField *field,
                                                const char          *text);

GtkWidget           *fd_client_field_new_row    (const FdClientField *field);
char                *fd_client_field_check_row  (const FdClientField *field,
                                                GtkWidget           *row);
const char          *fd_client_field_get_row_value (GtkWidget        *row);
gboolean             fd_client_field_show_value (GtkWidget           *row,
                                                const char          *value);
char                *fd_client_field_describe_value (GtkWidget       *row,
                                                const char          *value);

void                 fd_client_fields_mark      (GHashTable          *invalid,
                                                GtkWidget           *row,
                                                const char          *column,
                                                char                *message);
void                 fd_client_fields_describe  (GHashTable          *invalid,
                                                AdwPreferencesGroup *group_widget,
                                                FdClientGroup        group);

G_END_DECLS
