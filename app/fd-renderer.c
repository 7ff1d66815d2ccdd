/* fd-renderer.c: picks GTK's cairo renderer where OpenGL would be drawn in software, before
 * GTK opens the display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, in virtual machines and over remote desktops GTK 4.8 draws with GL on Mesa's
 * llvmpipe: typing in the search cost about 10 s of a core there, against 0.3 s with the
 * cairo renderer. GTK reads GSK_RENDERER when the first window is realised, so it is set
 * here, first thing in main(), and only when nobody set it: a user's own choice wins.
 *
 * Software GL is recognised by, in order:
 *   1. Mesa told to render in software (LIBGL_ALWAYS_SOFTWARE, GALLIUM_DRIVER=llvmpipe…);
 *   2. no GPU this process may use: no DRI render node (/dev/dri/renderD*) and no NVIDIA
 *      device, where Mesa can only fall back to llvmpipe — Xvfb in a container, most VMs;
 *   3. otherwise the renderer's own name: a child process opens EGL on the display GTK will
 *      use (Wayland or X11, as GDK picks), makes a context current and reads GL_RENDERER.
 *      A child, so that the driver it loads (and llvmpipe's threads) leave with it; it is
 *      given two seconds. Xvfb on a machine with a GPU is caught here: its GL is llvmpipe.
 * When EGL cannot be opened at all, GTK falls back to cairo by itself. With cairo chosen, GDK
 * is also told not to open GL (GDK_DEBUG=gl-disable), which it would do only to pick a visual.
 */
#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fd-renderer.h"

static const char * const software_renderers[] = {
  "llvmpipe", "softpipe", "swrast", "software rasterizer", "swiftshader", NULL
};

gboolean
fd_renderer_name_is_software (const char *renderer)
{
  g_autofree char *lower = NULL;

  if (renderer == NULL)
    return FALSE;
  lower = g_ascii_strdown (renderer, -1);
  for (guint i = 0; software_renderers[i] != NULL; i++)
    if (strstr (lower, software_renderers[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
env_is_true (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' && g_strcmp0 (value, "0") != 0 &&
         g_ascii_strcasecmp (value, "false") != 0 && g_ascii_strcasecmp (value, "no") != 0;
}

static gboolean
mesa_told_software (void)
{
  const char *gallium = g_getenv ("GALLIUM_DRIVER");
  const char *loader = g_getenv ("MESA_LOADER_DRIVER_OVERRIDE");

  return env_is_true ("LIBGL_ALWAYS_SOFTWARE") ||
         fd_renderer_name_is_software (gallium) || fd_renderer_name_is_software (loader);
}

static gboolean
has_gpu_device (void)
{
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (g_access ("/dev/nvidiactl", R_OK | W_OK) == 0)
    return TRUE;
  if (dri == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dri)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/dev/dri", name, NULL);

      if (g_str_has_prefix (name, "renderD") && g_access (path, R_OK | W_OK) == 0)
        return TRUE;
    }
  return FALSE;
}

/* In the child: the display GDK would open, as EGL names its platform. */
static const char *
egl_platform (void)
{
  const char *backend = g_getenv ("GDK_BACKEND");
  gboolean wayland = g_getenv ("WAYLAND_DISPLAY") != NULL ||
                     g_getenv ("WAYLAND_SOCKET") != NULL;

  if (backend != NULL && backend[0] != '\0' && backend[0] != '*')
    return g_str_has_prefix (backend, "wayland") ? "wayland" : "x11";
  return wayland ? "wayland" : "x11";
}

/* In the child: GL_RENDERER of a context on that display, written to @fd. */
static void
write_renderer (int fd)
{
  static const EGLint config_attributes[] = {
    EGL_RENDERABLE_TYPE, EGL_OPENGL_ES2_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE
  };
  static const EGLint context_attributes[] = { EGL_CONTEXT_CLIENT_VERSION, 2, EGL_NONE };
  static const EGLint surface_attributes[] = { EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE };
  EGLDisplay display;
  EGLConfig config;
  EGLContext context;
  EGLSurface surface;
  EGLint n_configs = 0;
  const char *renderer;

  g_setenv ("EGL_PLATFORM", egl_platform (), FALSE);
  display = eglGetDisplay (EGL_DEFAULT_DISPLAY);
  if (display == EGL_NO_DISPLAY || !eglInitialize (display, NULL, NULL) ||
      !eglBindAPI (EGL_OPENGL_ES_API) ||
      !eglChooseConfig (display, config_attributes, &config, 1, &n_configs) || n_configs < 1)
    return;
  context = eglCreateContext (display, config, EGL_NO_CONTEXT, context_attributes);
  surface = eglCreatePbufferSurface (display, config, surface_attributes);
  if (context == EGL_NO_CONTEXT || surface == EGL_NO_SURFACE ||
      !eglMakeCurrent (display, surface, surface, context))
    return;
  renderer = (const char *) glGetString (GL_RENDERER);
  if (renderer != NULL && write (fd, renderer, strlen (renderer)) < 0)
    return;
}

/* The GL renderer's name, or NULL when it could not be learnt in time. */
static char *
probe_renderer (void)
{
  GString *name = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  int fds[2];
  pid_t child;

  if (pipe (fds) != 0)
    return g_string_free (name, TRUE);
  child = fork ();
  if (child < 0)
    {
      close (fds[0]);
      close (fds[1]);
      return g_string_free (name, TRUE);
    }
  if (child == 0)
    {
      close (fds[0]);
      write_renderer (fds[1]);
      _exit (0);
    }

  close (fds[1]);
  for (;;)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[256];
      ssize_t n;

      if (left <= 0)
        {
          kill (child, SIGKILL);
          g_string_truncate (name, 0);
          break;
        }
      if (poll (&pfd, 1, (int) (left / 1000) + 1) < 0 && errno != EINTR)
        break;
      if (pfd.revents == 0)
        continue;
      n = read (fds[0], buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (name, buffer, n);
    }
  close (fds[0]);
  while (waitpid (child, NULL, 0) < 0 && errno == EINTR)
    ;

  return g_string_free (name, name->len == 0);
}

/* With the cairo renderer nothing draws with GL, yet GDK still opens it on X11 to pick the
 * window's visual, which loads Mesa's llvmpipe into the process: about 60 MB of memory (the
 * LLVM library, the driver and its buffers) for nothing. GDK_DEBUG=gl-disable keeps GDK from
 * opening GL at all; it is added to whatever GDK_DEBUG the user set. */
static void
disable_gl (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *wanted = NULL;

  if (debug == NULL || debug[0] == '\0')
    wanted = g_strdup ("gl-disable");
  else if (strstr (debug, "gl-disable") == NULL)
    wanted = g_strconcat (debug, ",gl-disable", NULL);
  if (wanted != NULL)
    g_setenv ("GDK_DEBUG", wanted, TRUE);
}

/**
 * fd_renderer_choose:
 *
 * Sets GSK_RENDERER=cairo, and GDK_DEBUG=gl-disable, when GL here is drawn in software and
 * GSK_RENDERER is not set. Call it before anything opens the display.
 *
 * Returns: the reason it chose cairo, or %NULL when it left GTK to choose
 */
const char *
fd_renderer_choose (void)
{
  const char *set = g_getenv ("GSK_RENDERER");
  const char *reason = NULL;
  g_autofree char *renderer = NULL;

  if (set != NULL && set[0] != '\0')
    return NULL;

  if (mesa_told_software ())
    reason = "Mesa is told to render in software";
  else if (!has_gpu_device ())
    reason = "no GPU device (/dev/dri/renderD*)";
  else if ((renderer = probe_renderer ()) != NULL && fd_renderer_name_is_software (renderer))
    reason = "GL is drawn in software";

  if (reason != NULL)
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      disable_gl ();
      g_debug ("GSK_RENDERER=cairo: %s%s%s", reason, renderer != NULL ? ": " : "",
               renderer != NULL ? renderer : "");
    }
  return reason;
}
