/* fd-choices.c: a combo row's choices from a cached table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-cache-row.h"
#include "fd-choices.h"

/**
 * fd_choices_fill:
 * @ids: filled with the id of each choice, "" for "Not set"
 * @category: (nullable): only rows of this category (definitions)
 * @current: (nullable): the id to select
 *
 * Offers @rows' names in @combo; hidden rows only where they are already chosen.
 */
void
fd_choices_fill (AdwComboRow *combo,
                 GPtrArray   *ids,
                 GListModel  *rows,
                 const char  *category,
                 gboolean     with_none,
                 const char  *current)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (ids, 0);
  if (with_none)
    {
      gtk_string_list_append (names, _("Not set"));
      g_ptr_array_add (ids, g_strdup (""));
    }

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (rows, i);
      const char *id = fd_cache_row_get_id (row);
      const char *name = fd_cache_row_get (row, "name");
      g_autofree char *label = NULL;

      if (category != NULL && g_strcmp0 (fd_cache_row_get (row, "category"), category) != 0)
        continue;
      /* Hidden rows are offered only where they are already chosen. */
      if (fd_cache_row_get_boolean (row, "hidden") && g_strcmp0 (id, current) != 0)
        continue;

      label = name != NULL ? g_strdup (name)
                           : g_strdup_printf ("%s %s %s", fd_cache_row_get (row, "abbreviation"),
                                              fd_cache_row_get (row, "first_name"),
                                              fd_cache_row_get (row, "last_name"));
      if (g_strcmp0 (id, current) == 0)
        selected = ids->len;
      gtk_string_list_append (names, label);
      g_ptr_array_add (ids, g_strdup (id));
    }

  adw_combo_row_set_model (combo, G_LIST_MODEL (names));
  adw_combo_row_set_selected (combo, selected);
}

const char *
fd_choices_get_id (AdwComboRow *combo,
                   GPtrArray   *ids)
{
  guint selected = adw_combo_row_get_selected (combo);

  return selected < ids->len ? g_ptr_array_index (ids, selected) : "";
}

GtkWidget *
fd_choices_row_new (const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}
