/* fd-test-desk.h: a workstation in a UI test: a real window signed in as its own staff
 * login, and what a person at it would do and wait for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-appointment-editor.h"
#include "fd-clients-module.h"
#include "fd-family-picker.h"
#include "fd-save-lock.h"
#include "fd-window.h"

G_BEGIN_DECLS

typedef struct
{
  char            *login;
  FdDatabase      *database;
  FdWindow        *window;
  FdClientsModule *module;
  FdClientEditor  *editor;
} FdTestDesk;

/* Two front desk workstations on one practice of 30 clients. */
typedef struct
{
  char         *dbname;
  FdConnection *owner;
  FdTestDesk    anna;
  FdTestDesk    ben;
} FdTestOffice;

void              fd_test_office_setup           (FdTestOffice     *office,
                                                  gconstpointer     data);
void              fd_test_office_teardown        (FdTestOffice     *office,
                                                  gconstpointer     data);

/* An administrator at Reception 1, with every module, on a practice of 30 clients. */
typedef struct
{
  char         *dbname;
  FdConnection *owner;
  FdTestDesk    desk;
} FdTestPractice;

void              fd_test_practice_setup         (FdTestPractice   *practice,
                                                  gconstpointer     data);
void              fd_test_practice_teardown      (FdTestPractice   *practice,
                                                  gconstpointer     data);

void              fd_test_desk_open              (FdTestDesk       *desk,
                                                  const char       *dbname,
                                                  const char       *name);
void              fd_test_desk_open_as           (FdTestDesk       *desk,
                                                  const char       *dbname,
                                                  const char       *name,
                                                  gboolean          admin);
void              fd_test_desk_close             (FdTestDesk       *desk);
void              fd_test_desk_show_module       (FdTestDesk       *desk,
                                                  const char       *title);

void              fd_test_desk_wait_for_list     (FdClientsModule  *module,
                                                  const char       *what);
void              fd_test_desk_open_first_client (FdTestDesk       *desk);
void              fd_test_desk_wait_for_record   (FdTestDesk       *desk,
                                                  const char       *what);
void              fd_test_desk_wait_until_clean  (FdClientEditor   *editor,
                                                  const char       *what);
void              fd_test_desk_save              (FdTestDesk       *desk);

void              fd_test_desk_pick_family       (FdFamilyPicker   *picker,
                                                  const char       *search,
                                                  const char       *row_title);
void              fd_test_desk_change_family     (GtkWidget        *account,
                                                  const char       *search,
                                                  const char       *row_title);

AdwMessageDialog *fd_test_desk_find_dialog       (const char       *css_class);
AdwMessageDialog *fd_test_desk_wait_for_dialog   (const char       *css_class);
void              fd_test_desk_answer            (AdwMessageDialog *dialog,
                                                  const char       *response);
void              fd_test_desk_destroy_dialogs   (void);
void              fd_test_desk_destroy_windows   (void);
GtkEditable      *fd_test_desk_find_editable_with_text (GtkWidget   *root,
                                                        const char  *text);
GtkWidget        *fd_test_desk_find_row          (GtkWidget        *root,
                                                  const char       *title);
void              fd_test_desk_wait_for_field    (GtkWidget        *root,
                                                  const char       *text);
gboolean          fd_test_desk_editor_read_only  (gpointer          editor);
gboolean          fd_test_desk_editor_editable   (gpointer          editor);
FdAppointmentEditor *fd_test_desk_find_appointment_editor (FdAppointmentEditor *not);
gboolean          fd_test_desk_other_editor_shown (gpointer         editor);
gboolean          fd_test_desk_appointment_editable (gpointer       editor);
FdAppointment    *fd_test_desk_show_in_book      (FdTestDesk       *desk,
                                                  const char       *id,
                                                  const char       *day);
void              fd_test_desk_pick_choice       (AdwComboRow      *row,
                                                  const char       *name);
void              fd_test_desk_wait_save_lock    (FdSaveLock       *lock,
                                                  gboolean          held,
                                                  const char       *what);

G_END_DECLS
