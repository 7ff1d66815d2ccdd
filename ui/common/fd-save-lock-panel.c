/* fd-save-lock-panel.c: the Save Lock panel, opened from the arrow beside a form's Save.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It follows its FdSaveLock: every change of hands anywhere redraws it. Acquire asks for a
 * free lock (the first to ask wins); Take, offered only where the server would allow it,
 * asks first, as it leaves someone unable to save.
 */
#include <glib/gi18n.h>

#include "fd-confirm-dialog.h"
#include "fd-format.h"
#include "fd-save-lock-panel.h"

struct _FdSaveLockPanel
{
  GtkPopover    parent_instance;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkLabel     *state_label;
  GtkLabel     *error_label;
  GtkLabel     *viewers_title;
  GtkListBox   *viewers_list;
  GtkWidget    *release_button;
  GtkWidget    *acquire_button;
  GtkWidget    *take_button;

  /* Owned */
  FdSaveLock   *lock;
  GCancellable *cancellable;

  /* State */
  gint64        asked_holder;  /* the session the Take question named */
};

G_DEFINE_FINAL_TYPE (FdSaveLockPanel, fd_save_lock_panel, GTK_TYPE_POPOVER)

static char *
format_since (GDateTime *since)
{
  return fd_format_moment (since);
}

/**
 * fd_save_lock_dup_state_text:
 *
 * Says in a sentence whether this session can save under @lock, and if not, why.
 */
char *
fd_save_lock_dup_state_text (FdSaveLock *lock)
{
  const FdLockHolder *holder = fd_save_lock_get_holder (lock);
  g_autofree char *since = NULL;

  if (fd_save_lock_get_context (lock) == NULL)
    return g_strdup (_("There is nothing to save here yet."));
  if (fd_save_lock_get_error (lock) != NULL)
    return g_strdup (fd_save_lock_get_error (lock)->message);
  if (!fd_save_lock_get_known (lock))
    return g_strdup (_("Asking who holds the save lock…"));
  if (!fd_save_lock_get_may_save (lock))
    return g_strdup (_("You can look at this, but saving it is for administrators."));
  if (fd_save_lock_get_held (lock))
    return g_strdup (_("You hold the save lock, so you can save."));
  if (holder != NULL)
    {
      since = format_since (holder->since);
      /* Translators: a person, their workstation, and since what time */
      if (fd_save_lock_get_may_take (lock))
        /* Translators: a person, their workstation, and since what time */
        return g_strdup_printf (_("%s at %s holds the save lock since %s. To save, wait until "
                                  "they release it, or take it from them."), holder->name,
                                holder->workstation, since);
      return g_strdup_printf (_("%s at %s holds the save lock since %s, so you cannot save "
                                "until they release it."), holder->name, holder->workstation,
                              since);
    }
  if (fd_save_lock_get_released_by_me (lock))
    return g_strdup (_("You released the save lock. Acquire it to save again."));
  return g_strdup (_("Nobody holds the save lock. Acquire it to save."));
}

static GtkWidget *
viewer_row_new (const FdLockHolder *viewer)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *since = format_since (viewer->since);
  /* Translators: a workstation, and since when the person there has the form open */
  g_autofree char *subtitle = g_strdup_printf (_("%s · since %s"), viewer->workstation, since);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), viewer->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (viewer->holds_lock)
    {
      GtkWidget *tag = gtk_label_new (_("Holds the lock"));

      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_add_css_class (tag, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  return row;
}

static void
show_viewers (FdSaveLockPanel *self)
{
  GPtrArray *viewers = fd_save_lock_get_viewers (self->lock);
  GtkWidget *child;
  guint others = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->viewers_list))) != NULL)
    gtk_list_box_remove (self->viewers_list, child);

  for (guint i = 0; i < viewers->len; i++)
    {
      const FdLockHolder *viewer = g_ptr_array_index (viewers, i);

      if (viewer->is_mine)
        continue;
      gtk_list_box_append (self->viewers_list, viewer_row_new (viewer));
      others++;
    }

  if (others == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nobody else who could save has this open."));
      gtk_list_box_append (self->viewers_list, row);
    }
}

static void
lock_changed_cb (FdSaveLockPanel *self)
{
  FdSaveLock *lock = self->lock;
  const char *description = fd_save_lock_get_description (lock);
  const FdLockHolder *holder = fd_save_lock_get_holder (lock);
  g_autofree char *state = fd_save_lock_dup_state_text (lock);
  gboolean may_save = fd_save_lock_get_known (lock) && fd_save_lock_get_may_save (lock);
  gboolean held = fd_save_lock_get_held (lock);

  gtk_label_set_text (self->title_label, description != NULL ? description : _("Save Lock"));
  gtk_label_set_text (self->state_label, state);
  gtk_widget_set_visible (self->release_button, may_save && held);
  gtk_widget_set_visible (self->acquire_button, may_save && holder == NULL);
  gtk_widget_set_visible (self->take_button, may_save && holder != NULL && !held &&
                                             fd_save_lock_get_may_take (lock));
  gtk_widget_set_visible (GTK_WIDGET (self->viewers_title), may_save);
  gtk_widget_set_visible (GTK_WIDGET (self->viewers_list), may_save);
  show_viewers (self);
}

/* Release, Acquire, Take ----------------------------------------------------------------- */

static void
changed_hands_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FdSaveLockPanel *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_save_lock_change_finish (FD_SAVE_LOCK (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
clear_error (FdSaveLockPanel *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
release_clicked_cb (FdSaveLockPanel *self)
{
  clear_error (self);
  fd_save_lock_release_async (self->lock, self->cancellable, changed_hands_cb, self);
}

static void
acquire_clicked_cb (FdSaveLockPanel *self)
{
  clear_error (self);
  fd_save_lock_acquire_async (self->lock, self->cancellable, changed_hands_cb, self);
}

static void
take_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  FdSaveLockPanel  *self)
{
  if (g_str_equal (response, "take") && self->lock != NULL)
    fd_save_lock_take_async (self->lock, self->asked_holder, self->cancellable, changed_hands_cb,
                             self);
}

static void
take_clicked_cb (FdSaveLockPanel *self)
{
  const FdLockHolder *holder = fd_save_lock_get_holder (self->lock);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (holder == NULL)
    return;

  clear_error (self);
  /* Translators: %s is a person */
  heading = g_strdup_printf (_("Take the Save Lock from %s?"), holder->name);
  body = g_strdup_printf (_("%s at %s will no longer be able to save “%s”. What they have not "
                            "saved stays in their form, but they cannot store it unless they "
                            "get the lock back. Taking it is recorded in the audit log."),
                          holder->name, holder->workstation,
                          fd_save_lock_get_description (self->lock));
  dialog = fd_confirm_dialog_present (GTK_WIDGET (self), heading, body, _("_Cancel"), "take",
                                      _("_Take Lock"), "take-save-lock-dialog");
  /* The holder named in the question: the server refuses if it changed hands meanwhile. */
  self->asked_holder = holder->session_id;
  g_signal_connect_object (dialog, "response", G_CALLBACK (take_response_cb), self, 0);
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_save_lock_panel_dispose (GObject *object)
{
  FdSaveLockPanel *self = FD_SAVE_LOCK_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lock);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SAVE_LOCK_PANEL);

  G_OBJECT_CLASS (fd_save_lock_panel_parent_class)->dispose (object);
}

static void
fd_save_lock_panel_class_init (FdSaveLockPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fd_save_lock_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-save-lock-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, viewers_title);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, viewers_list);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, release_button);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, acquire_button);
  gtk_widget_class_bind_template_child (widget_class, FdSaveLockPanel, take_button);
  gtk_widget_class_bind_template_callback (widget_class, release_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, acquire_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
}

static void
fd_save_lock_panel_init (FdSaveLockPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * fd_save_lock_panel_new:
 *
 * A panel that shows @lock, as it changes.
 */
GtkWidget *
fd_save_lock_panel_new (FdSaveLock *lock)
{
  FdSaveLockPanel *self;

  g_return_val_if_fail (FD_IS_SAVE_LOCK (lock), NULL);

  self = g_object_new (FD_TYPE_SAVE_LOCK_PANEL, NULL);
  self->lock = g_object_ref (lock);
  g_signal_connect_object (lock, "changed", G_CALLBACK (lock_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lock_changed_cb (self);
  return GTK_WIDGET (self);
}

FdSaveLock *
fd_save_lock_panel_get_lock (FdSaveLockPanel *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK_PANEL (self), NULL);

  return self->lock;
}
