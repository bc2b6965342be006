/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib.h>

G_BEGIN_DECLS

#define CITED_ERROR (cited_error_quark ())

/**
 * CitedError:
 * @CITED_ERROR_FAILED: generic failure
 * @CITED_ERROR_ENCODING: the file is not in an encoding Cited reads
 * @CITED_ERROR_EMPTY: the file has no article text
 * @CITED_ERROR_BINARY: the file is binary data, not text
 * @CITED_ERROR_PARSE: the file could not be parsed in its format
 * @CITED_ERROR_TOO_LARGE: the file exceeds the import size limit
 * @CITED_ERROR_UNSUPPORTED: the file's format is not one Cited imports
 * @CITED_ERROR_DATABASE: the store failed
 * @CITED_ERROR_DATABASE_TOO_NEW: the store was written by a newer Cited
 * @CITED_ERROR_NOT_FOUND: the requested item does not exist
 * @CITED_ERROR_INVALID: an argument given by the user is invalid
 */
typedef enum {
  CITED_ERROR_FAILED,
  CITED_ERROR_ENCODING,
  CITED_ERROR_EMPTY,
  CITED_ERROR_BINARY,
  CITED_ERROR_PARSE,
  CITED_ERROR_TOO_LARGE,
  CITED_ERROR_UNSUPPORTED,
  CITED_ERROR_DATABASE,
  CITED_ERROR_DATABASE_TOO_NEW,
  CITED_ERROR_NOT_FOUND,
  CITED_ERROR_INVALID,
} CitedError;

CITED_AVAILABLE_IN_ALL
GQuark cited_error_quark (void);

G_END_DECLS
