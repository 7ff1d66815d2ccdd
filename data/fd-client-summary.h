/* fd-client-summary.h: one line of the client list: who, born when, reachable how.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_CLIENT_SUMMARY (fd_client_summary_get_type ())
G_DECLARE_FINAL_TYPE (FdClientSummary, fd_client_summary, FD, CLIENT_SUMMARY, GObject)

FdClientSummary *fd_client_summary_new          (const char      *id,
                                                 const char      *last_name,
                                                 const char      *first_name,
                                                 const char      *preferred_name,
                                                 const char      *birth_date,
                                                 const char      *phone,
                                                 const char      *status);
const char      *fd_client_summary_get_id       (FdClientSummary *self);
const char      *fd_client_summary_get_name     (FdClientSummary *self);
const char      *fd_client_summary_get_details  (FdClientSummary *self);
gboolean         fd_client_summary_is_archived  (FdClientSummary *self);
const char      *fd_client_summary_get_guarantor_id (FdClientSummary *self);
void             fd_client_summary_set_guarantor_id (FdClientSummary *self,
                                                     const char      *guarantor_id);
const char      *fd_client_summary_get_reason   (FdClientSummary *self);
void             fd_client_summary_set_reason   (FdClientSummary *self,
                                                 const char      *reason);

G_END_DECLS
