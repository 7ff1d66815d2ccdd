/* fd-client-editor-private.h: what the parts of Client Details share: the form's fields
 * (fd-client-editor-fields.c), the procedures and notes (fd-client-editor-procedures.c),
 * archiving (fd-client-editor-archive.c), saving and what the session tells
 * (fd-client-editor-save.c)
 * and the life cycle (fd-client-editor.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-account-section.h"
#include "fd-client-appointment-list.h"
#include "fd-client-editor.h"
#include "fd-edit-session.h"
#include "fd-lock-prompt.h"

G_BEGIN_DECLS

/* The record's own message on the state line (a lock taken over or lost, a refused save):
 * kept, so that it is shown again when maintenance, which covers it for a while, ends. */
typedef struct
{
  char     *text;
  gboolean  error;
  gboolean  offer_reload;
} FdStateMessage;

struct _FdClientEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwWindowTitle      *record_title;
  GtkLabel            *viewers_label;
  GtkRevealer         *state_revealer;
  GtkWidget           *state_line;
  GtkImage            *state_icon;
  GtkLabel            *state_label;
  GtkButton           *reload_button;
  GtkButton           *edit_button;
  AdwSplitButton      *save_button;
  GtkButton           *archive_button;
  GtkLabel            *archived_label;
  FdAccountSection    *account_section;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *address_group;
  GtkTextView         *notes_view;
  GtkToggleButton     *history_button;
  GtkListBox          *procedures_list;
  FdClientAppointmentList *appointment_list;

  /* Owned */
  FdDatabase          *database;
  FdEditSession       *session;
  GCancellable        *cancellable;     /* the view's own queries and dialogs */
  GHashTable          *rows;            /* column → AdwEntryRow, FdDateRow for a date */
  GHashTable          *marks;           /* column → FdFieldMark, its row's suffix */
  GHashTable          *invalid;         /* column → message */
  FdStateMessage       message;
  GTask               *pending_leave;   /* a leave waiting for the save under way */
  GPtrArray           *procedures;      /* FdProcedureEntry, as the list shows them */
  GCancellable        *procedures_cancellable;
  GSignalGroup        *procedure_signals;
  GCancellable        *release_cancellable; /* someone's request to release it, asked */
  GCancellable        *expiry_cancellable;  /* the edit time limit's warning, shown */
  char                *archive_wanted;  /* the client to archive once held (the list's menu) */

  gboolean             filling;
  gboolean             prompting;       /* the lock prompt is open */
};

/* fd-client-editor.c */
GtkWindow  *fd_client_editor_get_window      (FdClientEditor *self);
char       *fd_client_editor_dup_name        (FdClientEditor *self);
AdwMessageDialog *fd_client_editor_new_dialog (FdClientEditor *self,
                                               const char     *heading,
                                               const char     *body);
void        fd_client_editor_update_actions  (FdClientEditor *self);
void        fd_client_editor_show_message    (FdClientEditor *self,
                                              const char     *text,
                                              gboolean        error,
                                              gboolean        offer_reload);
void        fd_client_editor_hide_message    (FdClientEditor *self);
void        fd_client_editor_show_account    (FdClientEditor *self);
void        fd_client_editor_finish_leave    (GTask          *leave_task,
                                              gboolean        may_leave);

/* fd-client-editor-fields.c */
void        fd_client_editor_build_rows      (FdClientEditor *self);
void        fd_client_editor_fill_rows       (FdClientEditor *self);
void        fd_client_editor_follow_columns  (FdClientEditor *self,
                                              GStrv           columns);
void        fd_client_editor_mark_conflict   (FdClientEditor *self,
                                              const char     *column);
void        fd_client_editor_set_editable    (FdClientEditor *self,
                                              gboolean        editable);
const char *fd_client_editor_describe_column (const char     *column);
void        fd_client_editor_show_viewers    (FdClientEditor *self);

/* fd-client-editor-procedures.c */
void        fd_client_editor_load_procedures (FdClientEditor *self);
void        fd_client_editor_follow_procedures (FdClientEditor *self);
void        fd_client_editor_class_add_procedure_actions (GtkWidgetClass *widget_class);

/* fd-client-editor-etiquette.c */
void        fd_client_editor_choose_lock     (FdClientEditor *self,
                                              FdLockChoice    choice);
void        fd_client_editor_end_questions   (FdClientEditor *self);
void        fd_client_editor_show_view       (FdClientEditor *self);
void        fd_client_editor_connect_etiquette (FdClientEditor *self,
                                                FdEditSession  *session);
void        fd_client_editor_class_add_etiquette_actions (GtkWidgetClass *widget_class);

/* fd-client-editor-archive.c */
gboolean    fd_client_editor_is_archived     (FdClientEditor *self);
void        fd_client_editor_update_archive  (FdClientEditor *self);
void        fd_client_editor_class_add_archive_actions (GtkWidgetClass *widget_class);

/* fd-client-editor-save.c */
void        fd_client_editor_save            (FdClientEditor *self,
                                              GTask          *leave_task);
void        fd_client_editor_lock_lost       (FdClientEditor *self,
                                              FdLockLoss     *loss);

G_END_DECLS
