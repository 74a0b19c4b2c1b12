// Writers of `ita measures list`: the measures table of the seeds (ตัวชี้วัด / โครงการ/กิจกรรม /
// ผลการวิเคราะห์ / ขั้นตอน / ระยะเวลา / ผู้รับผิดชอบ) with progress and reporting state, as Thai
// text or JSON; and the 4M constraints. Pure; thread-safe.
#pragma once

#include <ita/core/measure.hpp>

#include <optional>
#include <ostream>
#include <vector>

namespace ita::report {

struct MeasureView {
    const core::Measure* measure = nullptr;
    core::ReportingState state;
};

void write_measures_text(std::ostream& out, const std::vector<MeasureView>& measures);
void write_measures_json(std::ostream& out, const std::vector<MeasureView>& measures);
void write_constraints_text(std::ostream& out, const std::optional<core::Constraints>& constraints);

}  // namespace ita::report
