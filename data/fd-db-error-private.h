/* fd-db-error-private.h: the sentences behind the keys the server's refusals carry.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A sentence (marked N_()) for a name the server sends: a rule, an action, a table. */
typedef struct
{
  const char *name;
  const char *sentence;
} FdDbErrorPhrase;

const char *fd_db_error_phrase_find         (const FdDbErrorPhrase *phrases,
                                             gsize                  n_phrases,
                                             const char            *name);

char       *fd_db_error_sentence            (const char *key,
                                             JsonObject *params);
char       *fd_db_error_sentence_for_detail (const char *detail);
const char *fd_db_error_constraint_sentence (const char *constraint);

G_END_DECLS
