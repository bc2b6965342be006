/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"
#include "cited-error.h"
#include "cited-types.h"
#include "cited-value.h"
#include "cited-csv.h"
#include "cited-lexicon.h"
#include "cited-extractor.h"
#include "cited-store.h"
#include "cited-importer.h"
#include "cited-feeds.h"
#include "cited-chart.h"
#include "cited-chart-settings.h"
#include "cited-claims.h"
#include "cited-report.h"
#include "cited-enum-types.h"
