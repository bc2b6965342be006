/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the benchmarks share to summarize their runs. */

#include <glib.h>

static inline int
cited_bench_cmp_double (gconstpointer a,
                        gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values (doubles) in place and returns the value at quantile @q
 * (0..1), or -1 when there is none. */
static inline double
cited_bench_quantile (GArray *values,
                      double  q)
{
  guint index;

  if (values->len == 0)
    return -1;
  g_array_sort (values, cited_bench_cmp_double);
  index = (guint) (q * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}
