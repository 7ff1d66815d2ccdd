/* main.c: starts Frontdesk.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "fd-application.h"
#include "fd-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FdApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before anything opens the display. */
  fd_renderer_choose ();

  application = fd_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
