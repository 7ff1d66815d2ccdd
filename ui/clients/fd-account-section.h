/* fd-account-section.h: Client Details' Account section: who pays, and the family's billing
 * type, fee schedule and insurance category, a view of the family's FdAccount.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-account.h"
#include "fd-database.h"
#include "fd-record.h"
#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_ACCOUNT_SECTION (fd_account_section_get_type ())
G_DECLARE_FINAL_TYPE (FdAccountSection, fd_account_section, FD, ACCOUNT_SECTION,
                      AdwPreferencesGroup)

void          fd_account_section_set_database  (FdAccountSection    *self,
                                                FdDatabase          *database);
void          fd_account_section_set_account   (FdAccountSection    *self,
                                                FdAccount           *account);
FdSaveLock   *fd_account_section_get_lock      (FdAccountSection    *self);
void          fd_account_section_show          (FdAccountSection    *self,
                                                FdRecord            *client);
void          fd_account_section_clear         (FdAccountSection    *self);
void          fd_account_section_set_read_only (FdAccountSection    *self,
                                                gboolean             read_only);
const char   *fd_account_section_get_problem   (FdAccountSection    *self);
void          fd_account_section_revert        (FdAccountSection    *self);
char         *fd_account_section_describe_conflicts (GPtrArray     *conflicts);
void          fd_account_section_set_choice    (FdAccountSection    *self,
                                                const char          *column,
                                                const char          *name);

G_END_DECLS
