/* fd-model-util.c: what the data layer's row objects and their list models share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list a person works in (the lock table) is read again every few seconds. Rebuilding it
 * would drop their selection and focus, so a fresh read is merged into the list shown: rows
 * that are the same thing (by @same) stay the same object and take the new values, which
 * notify only where they changed; new rows are inserted where the read has them and gone
 * ones removed.
 */
#include "fd-model-util.h"

/* Sets *@field to a copy of @value; TRUE if that changed it. */
gboolean
fd_set_string (char       **field,
               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Sets *@field to a reference to @value (nullable); TRUE if it is another time. */
gboolean
fd_set_date_time (GDateTime **field,
                  GDateTime  *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}

/**
 * fd_object_copy_properties:
 * @into: an object of the same type as @from
 *
 * Gives @into every readable and writable property of @from. Setters that notify only on a
 * change (every row class here) make this notify only what changed.
 */
void
fd_object_copy_properties (GObject *into,
                           GObject *from)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_return_if_fail (G_IS_OBJECT (into));
  g_return_if_fail (G_OBJECT_TYPE (into) == G_OBJECT_TYPE (from));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n_pspecs);
  g_object_freeze_notify (into);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (from, pspecs[i]->name, &value);
      g_object_set_property (into, pspecs[i]->name, &value);
    }
  g_object_thaw_notify (into);
}

static gboolean
find_from (GListModel *model,
           guint       start,
           gpointer    item,
           GEqualFunc  same,
           guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = start; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (same (other, item))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * fd_list_store_sync:
 * @store: the list shown
 * @fresh: the same kind of items, as just read, in the order to show
 * @same: whether two items are the same thing
 *
 * Makes @store hold what @fresh holds, in its order, keeping the objects already in @store
 * for the things that are still there (updated by fd_object_copy_properties()). A row that
 * moved is moved in one change, so a selection model keeps it selected.
 */
void
fd_list_store_sync (GListStore *store,
                    GListModel *fresh,
                    GEqualFunc  same)
{
  guint n_fresh;

  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (fresh));
  g_return_if_fail (same != NULL);

  /* What is gone goes first, from the end, each alone. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i - 1);
      guint unused;

      if (!find_from (fresh, 0, item, same, &unused))
        g_list_store_remove (store, i - 1);
    }

  n_fresh = g_list_model_get_n_items (fresh);
  for (guint i = 0; i < n_fresh; i++)
    {
      g_autoptr(GObject) wanted = g_list_model_get_item (fresh, i);
      guint at;

      if (!find_from (G_LIST_MODEL (store), i, wanted, same, &at))
        {
          g_list_store_insert (store, i, wanted);
          continue;
        }
      if (at != i)
        {
          /* One change that removes i…at and adds the row first, then i…at-1 again. */
          g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);

          g_ptr_array_add (moved, g_list_model_get_item (G_LIST_MODEL (store), at));
          for (guint k = i; k < at; k++)
            g_ptr_array_add (moved, g_list_model_get_item (G_LIST_MODEL (store), k));
          g_list_store_splice (store, i, at - i + 1, moved->pdata, moved->len);
        }
      {
        g_autoptr(GObject) kept = g_list_model_get_item (G_LIST_MODEL (store), i);

        fd_object_copy_properties (kept, wanted);
      }
    }
}
