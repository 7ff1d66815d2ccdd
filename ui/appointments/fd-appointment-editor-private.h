/* fd-appointment-editor-private.h: what the two parts of the appointment editor share:
 * the form and its saving (fd-appointment-editor.c), opening an appointment or a new
 * booking (fd-appointment-editor-open.c) and following the database
 * (fd-appointment-editor-live.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-appointment-editor.h"
#include "fd-date-row.h"
#include "fd-edit-session.h"
#include "fd-lock-prompt.h"

G_BEGIN_DECLS

#define LOCK_KIND "appointments"

struct _FdAppointmentEditor
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkLabel       *state_label;
  GtkButton      *save_button;
  GtkButton      *edit_button;
  GtkSearchEntry *client_search;
  GtkListBox     *client_list;
  AdwActionRow   *client_row;
  FdDateRow      *date_row;
  AdwEntryRow    *start_row;
  AdwEntryRow    *length_row;
  AdwComboRow    *provider_row;
  AdwComboRow    *operatory_row;
  AdwComboRow    *status_row;
  AdwComboRow    *confirmation_row;
  AdwEntryRow    *note_row;

  /* Owned */
  FdDatabase     *database;
  FdEditSession  *session;         /* NULL for a new booking */
  FdAppointment  *appointment;     /* what the book showed; NULL for a new booking */
  GCancellable   *cancellable;
  GListModel     *found;           /* the clients the booking's search lists */
  char           *day;             /* the appointment's day as opened, YYYY-MM-DD */
  char           *client_id;       /* a new booking's client */
  GPtrArray      *provider_ids;
  GPtrArray      *operatory_ids;
  GPtrArray      *confirmation_ids;
  GHashTable     *marks;           /* column → FdFieldMark, its row's suffix */
  char           *pristine;        /* a new booking as opened, to know whether it was touched */
  char           *form_problem;    /* why what is typed cannot go into the record */
  char           *message;         /* the appointment's own state line, under maintenance's */
  int             start_minute;
  GCancellable   *release_cancellable; /* someone's request to release it, asked */
  GCancellable   *expiry_cancellable;  /* the edit time limit's warning, shown */
  gint64          release_request_id;  /* the request last asked */
  gint64          release_after_save;  /* Save and Release: answered once saved */
  char           *release_asker;       /* who asked last, "Sam Patel at Reception 2" */
  gboolean        checking_slot;       /* reading the book before a save asks first */

  gboolean        filling;
  gboolean        overriding;      /* the person chose to take it over */
  gboolean        may_close;       /* saved, discarded, or nothing changed */
};

FdAppointmentEditor *fd_appointment_editor_create        (GtkWindow           *parent,
                                                          FdDatabase          *database,
                                                          const char          *day);
void                 fd_appointment_editor_put_state     (FdAppointmentEditor *self,
                                                          const char          *message);
void                 fd_appointment_editor_update_editable (FdAppointmentEditor *self);
void                 fd_appointment_editor_fill_form     (FdAppointmentEditor *self,
                                                          const char          *provider,
                                                          const char          *operatory,
                                                          const char          *status,
                                                          const char          *confirmation,
                                                          const char          *note,
                                                          int                  length);
void                 fd_appointment_editor_fill_from_record (FdAppointmentEditor *self);
char                *fd_appointment_editor_dup_fingerprint (FdAppointmentEditor *self);
void                 fd_appointment_editor_lock_lost     (FdAppointmentEditor *self,
                                                          FdLockLoss          *loss);
void                 fd_appointment_editor_save          (FdAppointmentEditor *self);

/* fd-appointment-editor-live.c */
void                 fd_appointment_editor_build_marks   (FdAppointmentEditor *self);
void                 fd_appointment_editor_reloaded      (FdAppointmentEditor *self,
                                                          GStrv                columns);
void                 fd_appointment_editor_field_conflict (FdAppointmentEditor *self,
                                                           const char          *column);
void                 fd_appointment_editor_merge         (FdAppointmentEditor *self,
                                                          GPtrArray           *conflicts);

/* fd-appointment-editor-etiquette.c */
gboolean             fd_appointment_editor_choose_lock   (FdAppointmentEditor *self,
                                                          FdLockChoice         choice);
void                 fd_appointment_editor_show_view     (FdAppointmentEditor *self);
void                 fd_appointment_editor_end_questions (FdAppointmentEditor *self);
char                *fd_appointment_editor_save_failed  (FdAppointmentEditor *self,
                                                          const char          *why);
void                 fd_appointment_editor_connect_etiquette (FdAppointmentEditor *self);
void                 fd_appointment_editor_class_add_etiquette_actions (GtkWidgetClass *widget_class);

G_END_DECLS
