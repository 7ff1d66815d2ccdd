/* fd-test-ui.h: helpers for tests of real windows under Xvfb: screenshots, finding what a
 * person would read, waiting for windows to appear.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       fd_test_ui_init              (int         *argc,
                                         char      ***argv);
void       fd_test_ui_wait_for_frames   (GtkWidget   *widget,
                                         guint        n_frames);
char      *fd_test_ui_screenshot        (GtkWidget   *widget,
                                         const char  *name);
char      *fd_test_ui_screenshot_with_popover (GtkWidget  *window,
                                               GtkPopover *popover,
                                               const char *name);
GtkEventController *fd_test_ui_find_controller (GtkWidget *widget,
                                                GType      type);
GtkPopover *fd_test_ui_find_open_menu   (GtkWidget   *owner);
void       fd_test_ui_wait_for_menu     (GtkWidget   *owner,
                                         gboolean     open,
                                         const char  *what);
void       fd_test_ui_wait_for_mapped   (GtkWidget   *widget,
                                         gboolean     mapped,
                                         const char  *what);
GtkLabel  *fd_test_ui_find_label        (GtkWidget   *root,
                                         const char  *text_part);
GtkWindow *fd_test_ui_wait_for_window   (GType        type);
GtkWidget *fd_test_ui_find_descendant   (GtkWidget   *root,
                                         GType        type);
GtkWidget *fd_test_ui_find_with_class  (GtkWidget   *root,
                                         const char  *css_class,
                                         const char  *label_part);
void       fd_test_ui_wait_for_label    (GtkWidget   *root,
                                         const char  *text_part);
void       fd_test_ui_popup             (GtkPopover  *popover);
GtkWidget *fd_test_ui_find_menu_item    (GtkWidget   *root,
                                         const char  *text);
GtkButton *fd_test_ui_find_button       (GtkWidget   *root,
                                         const char  *label);
void       fd_test_ui_press             (GtkWidget   *root,
                                         const char  *label);
GPtrArray *fd_test_ui_serve_notifications (void);

G_END_DECLS
