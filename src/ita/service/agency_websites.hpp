// Where an agency publishes: the domains the agencies file gives and those its working group
// adds (an e-service on its own domain, a second site). The evidence checker flags evidence
// elsewhere; the working group can add a domain the file lacks rather than be flagged.
#pragma once

#include <ita/storage/store.hpp>
#include <ita/util/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ita::service {

// The file's domains then the added ones, each once.
[[nodiscard]] std::vector<std::string> agency_websites(const core::Agency& agency, const std::vector<std::string>& added);
Result<std::vector<std::string>> agency_websites(storage::Store& store, const core::Agency& agency);

// invalid_input (Thai, field "website") when `website` names no domain; at most 20 added.
Result<std::string> add_agency_website(storage::Store& store, const std::string& agency_id, std::string_view website,
                                       std::string_view actor, const std::string& today);
Result<void> remove_agency_website(storage::Store& store, const std::string& agency_id, const std::string& domain, std::string_view actor);

}  // namespace ita::service
