/* fd-test-book.h: the appointment book at a test workstation: opening it on a day, the
 * controllers its widgets carry, the booking window a desk has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-test-desk.h"

G_BEGIN_DECLS

FdAppointmentsModule *fd_test_book_open        (FdTestDesk *desk,
                                                GDateTime  *day);
FdAppointmentEditor  *fd_test_book_editor_of   (FdTestDesk *desk);
gboolean              fd_test_book_editor_shown (gpointer   desk);
gboolean              fd_test_book_editor_gone  (gpointer   desk);
void                  fd_test_book_press_slot   (FdAppointmentsModule *book,
                                                 const char *operatory_id,
                                                 int         minute);
void                  fd_test_book_drop_onto    (FdAppointmentsModule *book,
                                                 const char *id,
                                                 const char *target_id);
GtkWidget            *fd_test_book_find_badge   (GtkWidget  *root);

/* Another desk, a process of its own (tests/lock-holder.c), that can be killed. */
GSubprocess          *fd_test_holder_start      (const char *dbname,
                                                 const char *kind,
                                                 const char *id,
                                                 const char *says);
void                  fd_test_holder_kill       (GSubprocess *process);

/* A query and the value it is waited to read. */
typedef struct
{
  FdConnection *connection;
  const char   *sql;
  const char   *expected;
} FdTestValueWait;

gboolean              fd_test_value_is         (gpointer   user_data);

G_END_DECLS
