/* fd-test-ui.c: helpers for tests of real windows under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "fd-test-server.h"
#include "fd-test-ui.h"

/* GtkApplication warns when there is no session bus; tools/test provides one, a bare
 * `meson test` may not. Everything else stays fatal. */
static gboolean
log_is_fatal_cb (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  return strstr (message, "session bus") == NULL;
}

void
fd_test_ui_init (int    *argc,
                 char ***argv)
{
  fd_test_init (argc, argv);
  g_test_log_set_fatal_handler (log_is_fatal_cb, NULL);

  /* Screenshots show where a page ends up, not a cross-fade on its way there. */
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

typedef struct
{
  guint frames;
} FrameCount;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ((FrameCount *) user_data)->frames++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  FrameCount *count;
  guint       wanted;
} FrameWait;

static gboolean
frames_done (gpointer user_data)
{
  FrameWait *wait = user_data;

  return wait->count->frames >= wait->wanted;
}

/* Everything queued before this has been laid out and painted at least once. */
void
fd_test_ui_wait_for_frames (GtkWidget *widget,
                            guint      n_frames)
{
  FrameCount count = { 0 };
  FrameWait wait = { &count, n_frames };
  guint id;

  id = gtk_widget_add_tick_callback (widget, count_frame_cb, &count, NULL);
  gtk_widget_queue_draw (widget);
  fd_test_wait_until (frames_done, &wait, "frames to be drawn");
  gtk_widget_remove_tick_callback (widget, id);
}

/* Saves @texture as build/tests/screenshots/@name.png; returns its path. */
static char *
save_screenshot (GdkTexture *texture,
                 const char *name)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path;

  g_mkdir_with_parents (folder, 0755);
  path = g_build_filename (folder, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
  return path;
}

/**
 * fd_test_ui_screenshot:
 * @name: the file name without extension
 *
 * Saves what @widget shows as screenshots/@name.png in the build folder.
 *
 * Returns: (transfer full): the file's path
 */
char *
fd_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width;
  int height;

  fd_test_ui_wait_for_frames (widget, 3);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return save_screenshot (texture, name);
}

/**
 * fd_test_ui_screenshot_with_popover:
 * @window: a window
 * @popover: a popover open over @window (its own surface, which @window's picture leaves out)
 *
 * Saves @window with @popover drawn where it is open, as a person sees them.
 *
 * Returns: (transfer full): the PNG's path
 */
char *
fd_test_ui_screenshot_with_popover (GtkWidget  *window,
                                    GtkPopover *popover,
                                    const char *name)
{
  g_autoptr(GdkPaintable) window_paintable = NULL;
  g_autoptr(GdkPaintable) popover_paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkSurface *surface;
  double window_x, window_y, popover_x, popover_y;
  int width, height;

  g_assert_true (GTK_IS_NATIVE (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  fd_test_ui_wait_for_frames (window, 3);
  fd_test_ui_wait_for_frames (GTK_WIDGET (popover), 3);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  window_paintable = gtk_widget_paintable_new (window);
  gdk_paintable_snapshot (window_paintable, GDK_SNAPSHOT (snapshot), width, height);

  /* The popup's place is given in its parent surface's terms, shadows included. */
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  popover_paintable = gtk_widget_paintable_new (GTK_WIDGET (popover));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
    gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
    gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y));
  gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (popover)),
                          gtk_widget_get_height (GTK_WIDGET (popover)));
  gtk_snapshot_restore (snapshot);

  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return save_screenshot (texture, name);
}

static gboolean
label_shows (GtkWidget  *widget,
             const char *text_part)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, text_part) != NULL;
}

/**
 * fd_test_ui_find_label:
 *
 * Returns: (transfer none) (nullable): a label on screen under @root that reads @text_part
 */
GtkLabel *
fd_test_ui_find_label (GtkWidget  *root,
                       const char *text_part)
{
  if (label_shows (root, text_part))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = fd_test_ui_find_label (child, text_part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text_part;
} LabelWait;

static gboolean
label_appeared (gpointer user_data)
{
  LabelWait *wait = user_data;

  return fd_test_ui_find_label (wait->root, wait->text_part) != NULL;
}

void
fd_test_ui_wait_for_label (GtkWidget  *root,
                           const char *text_part)
{
  LabelWait wait = { root, text_part };
  g_autofree char *what = g_strdup_printf ("a label reading “%s”", text_part);

  fd_test_wait_until (label_appeared, &wait, what);
}

/**
 * fd_test_ui_find_descendant:
 *
 * Returns: (transfer none) (nullable): the first widget of @type under @root
 */
GtkWidget *
fd_test_ui_find_descendant (GtkWidget *root,
                            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fd_test_ui_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_mapped_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
window_mapped (gpointer user_data)
{
  return find_mapped_window ((GType) GPOINTER_TO_SIZE (user_data)) != NULL;
}

/**
 * fd_test_ui_wait_for_window:
 *
 * Returns: (transfer none): the first mapped toplevel of @type, once there is one
 */
GtkWindow *
fd_test_ui_wait_for_window (GType type)
{
  fd_test_wait_until (window_mapped, GSIZE_TO_POINTER (type), g_type_name (type));
  return find_mapped_window (type);
}

/**
 * fd_test_ui_find_with_class:
 * @label_part: (nullable): text a label inside the widget must show
 *
 * Returns: (transfer none) (nullable): the first widget under @root with @css_class
 */
GtkWidget *
fd_test_ui_find_with_class (GtkWidget  *root,
                            const char *css_class,
                            const char *label_part)
{
  if (gtk_widget_has_css_class (root, css_class) &&
      (label_part == NULL || fd_test_ui_find_label (root, label_part) != NULL))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fd_test_ui_find_with_class (child, css_class, label_part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The shown button labelled @label under @root. */
GtkButton *
fd_test_ui_find_button (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return GTK_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = fd_test_ui_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the button labelled @label under @root, as a pointer would. */
void
fd_test_ui_press (GtkWidget  *root,
                  const char *label)
{
  g_autoptr(GtkWidget) held = g_object_ref (root);
  GtkButton *button = fd_test_ui_find_button (root, label);

  if (button == NULL)
    g_error ("No button “%s” on screen", label);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==,
                   GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

/* The desktop's notification server, as a holder's desktop shows what it is sent ---------- */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

static GPtrArray *notifications;   /* the summaries shown, in order */
static gboolean notifications_owned;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_ptr_array_add (notifications, g_strdup (summary));
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", notifications->len));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", NULL));
}

static void
notifications_owned_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  notifications_owned = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Serves org.freedesktop.Notifications on the session bus, as the desktop would.
 * Returns: (transfer none): the summaries it is sent, in order */
GPtrArray *
fd_test_ui_serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);

  g_assert_nonnull (bus);
  notifications = g_ptr_array_new_with_free_func (g_free);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     node->interfaces[0], &vtable, NULL, NULL, NULL);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, notifications_owned_cb, NULL,
                                NULL, NULL);
  fd_test_wait_until (flag_set, &notifications_owned, "the notification server");
  return notifications;
}

/**
 * fd_test_ui_find_menu_item:
 * @root: an open menu (a #GtkPopoverMenu), or what holds one
 * @text: the item's label as a person reads it, its mnemonic underline left out
 *
 * Returns: (transfer none) (nullable): the sensitive item of the menu that reads @text
 */
GtkWidget *
fd_test_ui_find_menu_item (GtkWidget  *root,
                           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkModelButton"))
        {
          g_autofree char *label = NULL;
          g_auto(GStrv) parts = NULL;
          g_autofree char *plain = NULL;

          g_object_get (child, "text", &label, NULL);
          parts = g_strsplit (label != NULL ? label : "", "_", -1);
          plain = g_strjoinv ("", parts);
          if (g_str_equal (plain, text) && gtk_widget_is_sensitive (child))
            return child;
        }
      found = fd_test_ui_find_menu_item (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @widget's first event controller of @type; it must have one. */
GtkEventController *
fd_test_ui_find_controller (GtkWidget *widget,
                            GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

/* The context menu open over @owner, a popover menu among its children, or NULL. */
GtkPopover *
fd_test_ui_find_open_menu (GtkWidget *owner)
{
  for (GtkWidget *child = gtk_widget_get_first_child (owner);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_mapped (child))
        return GTK_POPOVER (child);
    }
  return NULL;
}

static gboolean
menu_open (gpointer user_data)
{
  return fd_test_ui_find_open_menu (user_data) != NULL;
}

static gboolean
menu_closed (gpointer user_data)
{
  return fd_test_ui_find_open_menu (user_data) == NULL;
}

/* Waits until @owner's context menu is open (@open) or closed. */
void
fd_test_ui_wait_for_menu (GtkWidget  *owner,
                          gboolean    open,
                          const char *what)
{
  fd_test_wait_until (open ? menu_open : menu_closed, owner, what);
}

static gboolean
widget_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static gboolean
widget_unmapped (gpointer user_data)
{
  return !gtk_widget_get_mapped (user_data);
}

/* Waits until @widget is shown (@mapped) or gone: a popover opened or closed, say. */
void
fd_test_ui_wait_for_mapped (GtkWidget  *widget,
                            gboolean    mapped,
                            const char *what)
{
  fd_test_wait_until (mapped ? widget_mapped : widget_unmapped, widget, what);
}

static gboolean
on_a_monitor (gpointer user_data)
{
  GtkWidget *parent = gtk_widget_get_parent (user_data);
  GtkNative *native = parent != NULL ? gtk_widget_get_native (parent) : NULL;
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return parent != NULL && gtk_widget_get_mapped (parent) && surface != NULL &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

/**
 * fd_test_ui_popup:
 *
 * Opens @popover as its button does, once the window under it is shown on a monitor: a
 * popover placed before that (a window mapped a moment ago under Xvfb) has no monitor to
 * be placed on, which GTK takes for a fatal error.
 */
void
fd_test_ui_popup (GtkPopover *popover)
{
  fd_test_wait_until (on_a_monitor, popover, "the popover's window on a monitor");
  gtk_popover_popup (popover);
}
