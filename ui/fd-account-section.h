/* fd-account-section.h: Client Details' Account section: who pays, and the family's billing
 * type, fee schedule and insurance category, saved under the family's save lock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-record.h"
#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_ACCOUNT_SECTION (fd_account_section_get_type ())
G_DECLARE_FINAL_TYPE (FdAccountSection, fd_account_section, FD, ACCOUNT_SECTION,
                      AdwPreferencesGroup)

void          fd_account_section_set_database  (FdAccountSection    *self,
                                                FdDatabase          *database);
FdSaveLock   *fd_account_section_get_lock      (FdAccountSection    *self);
void          fd_account_section_show          (FdAccountSection    *self,
                                                FdRecord            *client);
void          fd_account_section_clear         (FdAccountSection    *self);
void          fd_account_section_set_read_only (FdAccountSection    *self,
                                                gboolean             read_only);
gboolean      fd_account_section_get_dirty     (FdAccountSection    *self);
const char   *fd_account_section_get_problem   (FdAccountSection    *self);
void          fd_account_section_revert        (FdAccountSection    *self);
void          fd_account_section_set_choice    (FdAccountSection    *self,
                                                const char          *column,
                                                const char          *name);

void          fd_account_section_save_async    (FdAccountSection    *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
FdSaveOutcome fd_account_section_save_finish   (FdAccountSection    *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
