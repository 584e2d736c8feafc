// Translates the records of a batch for every target (runs on worker threads).
#pragma once

#include "format.h"

namespace promptport::migrate {

/// Fills item.results for every Record item: one TargetResult per target. Never throws on
/// user text; a library exception becomes an error diagnostic with the text passed through.
void translate_batch(Batch& batch, const Settings& settings);

/// The same for one item.
void translate_item(Item& item, const Settings& settings);

}  // namespace promptport::migrate
