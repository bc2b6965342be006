/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * libcited is built with hidden symbol visibility: only what is marked
 * here is exported from libcited.so.
 *
 * CITED_AVAILABLE_IN_ALL marks the public API, declared in the installed
 * headers (<cited.h> includes all of them).
 *
 * CITED_PRIVATE_API marks the few functions that Cited's own programs and
 * tests need beyond the public API. They are declared only in the
 * *-private.h headers, which are not installed, and may change or go away
 * in any release.
 */

#if defined(_WIN32) || defined(__CYGWIN__)
# ifdef CITED_COMPILATION
#  define _CITED_EXPORT __declspec(dllexport)
# else
#  define _CITED_EXPORT __declspec(dllimport)
# endif
#elif defined(__GNUC__) || defined(__clang__)
# define _CITED_EXPORT __attribute__((visibility("default")))
#else
# define _CITED_EXPORT
#endif

#define _CITED_EXTERN _CITED_EXPORT extern

#define CITED_AVAILABLE_IN_ALL _CITED_EXTERN
#define CITED_PRIVATE_API _CITED_EXTERN
