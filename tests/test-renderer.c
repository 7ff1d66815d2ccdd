/* test-renderer.c: where OpenGL would be drawn in software, Frontdesk draws with cairo and
 * keeps GDK from loading the GL driver at all; a renderer the user set is left alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "fd-renderer.h"
#include "fd-test-server.h"

/* Each case starts from what a desk's environment might hold. */
static void
set_environment (const char *gsk_renderer,
                 const char *gdk_debug)
{
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  if (gsk_renderer != NULL)
    g_setenv ("GSK_RENDERER", gsk_renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  if (gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");
}

static void
test_users_renderer_wins (void)
{
  set_environment ("gl", NULL);
  g_assert_null (fd_renderer_choose ());
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
  g_assert_null (g_getenv ("GDK_DEBUG"));
}

static void
test_users_debug_kept (void)
{
  set_environment (NULL, "interactive");
  g_assert_nonnull (fd_renderer_choose ());
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "interactive,gl-disable");

  /* Chosen twice (a second instance of the program), said once. */
  g_setenv ("GDK_DEBUG", "interactive,gl-disable", TRUE);
  g_unsetenv ("GSK_RENDERER");
  g_assert_nonnull (fd_renderer_choose ());
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "interactive,gl-disable");
}

static gboolean
window_drawn (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data) && gtk_native_get_renderer (user_data) != NULL;
}

/* Whether the process has a GL driver mapped: Mesa's DRI drivers and the LLVM they use. */
static gboolean
gl_driver_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "_dri.so") != NULL || strstr (maps, "libLLVM") != NULL ||
         strstr (maps, "libGLX_mesa") != NULL || strstr (maps, "libEGL_mesa") != NULL;
}

/* Last, as it opens the display with what the program chose. */
static void
test_software_gl_draws_with_cairo (void)
{
  GtkWidget *window;

  set_environment (NULL, NULL);
  g_assert_nonnull (fd_renderer_choose ());
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");

  adw_init ();
  window = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (window), gtk_label_new ("Reception 1"));
  gtk_window_present (GTK_WINDOW (window));
  fd_test_wait_until (window_drawn, window, "the window drawn");
  fd_test_spin (200);

  g_assert_cmpstr (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), ==,
                   "GskCairoRenderer");
  g_assert_false (gl_driver_loaded ());
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add_func ("/frontdesk/renderer/users-renderer-wins", test_users_renderer_wins);
  g_test_add_func ("/frontdesk/renderer/users-debug-kept", test_users_debug_kept);
  g_test_add_func ("/frontdesk/renderer/software-gl-draws-with-cairo",
                   test_software_gl_draws_with_cairo);

  return g_test_run ();
}
