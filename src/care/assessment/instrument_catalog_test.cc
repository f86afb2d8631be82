// The JSON form: parsing, errors naming file and field, the compiled-in catalog, normalized JSON and
// overrides from a directory.
#include "care/assessment/instrument_catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

namespace stepwise::assessment {
namespace {

namespace json = boost::json;

const char* const kTiny = R"({
  "code": "TINY", "name": "Tiny", "copyright": "nobody", "license_note": "free",
  "option_sets": {"yn": [{"code": "no", "label": "No", "value": 0}, {"code": "yes", "label": "Yes", "value": 1}]},
  "items": [
    {"id": "a", "text": "A", "options": "yn"},
    {"id": "b", "text": "B", "options": "yn", "show_when": {"item": "a", "code": "yes"}},
    {"id": "c", "text": "C", "options": [{"code": "o", "label": "O", "value": 0}, {"code": "x", "label": "X", "value": 2}],
     "required": false}
  ],
  "scales": [{"code": "total", "label": "Total", "min": 0, "max": 4,
              "bands": [{"code": "neg", "label": "Negative", "min": 0, "max": 1},
                        {"code": "pos", "label": "Positive", "min": 2, "max": 4}]}],
  "primary_scale": "total",
  "flags": [{"code": "b_yes", "label": "B", "severity": "warning", "safety": true,
             "when": {"all": [{"answered": "b"}, {"not": {"item": "b", "op": "==", "value": 0}}]}}]
})";

// kTiny with `from` replaced by `to` (once).
std::string Tiny(const std::string& from, const std::string& to) {
  std::string s = kTiny;
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::vector<std::string> LoadErrorFields(const std::string& text, const std::string& file = "tiny.json") {
  auto r = ParseDefinition({file, text});
  EXPECT_FALSE(r.ok());
  std::vector<std::string> out;
  if (!r.ok()) {
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(file), std::string::npos) << r.error().message;
    for (const auto& f : r.error().fields) out.push_back(f.field);
  }
  return out;
}

TEST(InstrumentCatalog, ParsesOptionSetsConditionsAndBands) {
  auto r = ParseDefinition({"tiny.json", kTiny});
  ASSERT_TRUE(r.ok()) << r.error().message << " " << (r.error().fields.empty() ? "" : r.error().fields[0].field);
  const InstrumentDefinition& d = *r;
  ASSERT_EQ(d.items.size(), 3u);
  EXPECT_EQ(d.items[1].options.size(), 2u);
  EXPECT_EQ(d.items[1].show_when.kind, Condition::Kind::kItemCode);
  EXPECT_FALSE(d.items[2].required);
  EXPECT_TRUE(d.items[2].scored);
  EXPECT_EQ(d.scales[0].band_sets.size(), 1u);
  auto s = Score(d, {{"a", "yes"}, {"b", "yes"}}, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total, 2);
  EXPECT_EQ(s->band_code, "pos");
  EXPECT_TRUE(s->complete);
  ASSERT_EQ(s->flags.size(), 1u);
  EXPECT_TRUE(s->flags[0].safety);
}

TEST(InstrumentCatalog, ErrorsNameTheFileAndTheField) {
  EXPECT_EQ(LoadErrorFields("{not json"), (std::vector<std::string>{"tiny.json:(file)"}));
  EXPECT_EQ(LoadErrorFields("[]"), (std::vector<std::string>{"tiny.json:(file)"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("name": "Tiny", )", "")), (std::vector<std::string>{"tiny.json:name"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("value": 2})", R"("value": "2"})")),
            (std::vector<std::string>{"tiny.json:items[2].options[1].value"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("text": "A")", R"("text": "A", "colour": "red")")),
            (std::vector<std::string>{"tiny.json:items[0].colour"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("options": "yn", "show)", R"("options": "ny", "show)")),
            (std::vector<std::string>{"tiny.json:items[1].options"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("op": "==")", R"("op": "=")")),
            (std::vector<std::string>{"tiny.json:flags[0].when.all[1].not.op"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"({"answered": "b"})", R"({"answered": "b", "item": "a"})")),
            (std::vector<std::string>{"tiny.json:flags[0].when.all[0]"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("max": 4,)", R"("max": 5,)")), (std::vector<std::string>{"tiny.json:scales[0].max"}));
}

TEST(InstrumentCatalog, IntegrityErrorsNameTheFileToo) {
  // A condition naming an unknown item, a band gap, a repeated option code.
  EXPECT_EQ(LoadErrorFields(Tiny(R"({"item": "a", "code": "yes"})", R"({"item": "zz", "code": "yes"})")),
            (std::vector<std::string>{"tiny.json:items[1].show_when.item"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"("min": 2, "max": 4})", R"("min": 3, "max": 4})")),
            (std::vector<std::string>{"tiny.json:scales[0].band_sets[0].bands[1].min"}));
  EXPECT_EQ(LoadErrorFields(Tiny(R"({"code": "yes", "label": "Yes")", R"({"code": "no", "label": "Yes")")),
            (std::vector<std::string>{"tiny.json:items[0].options[1].code", "tiny.json:items[1].options[1].code",
                                      "tiny.json:items[1].show_when.code"}));
}

TEST(InstrumentCatalog, LoadRejectsTheSameCodeTwice) {
  auto r = InstrumentCatalog::Load(std::vector<DefinitionSource>{{"one.json", kTiny}, {"two.json", kTiny}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "two.json:code");
  EXPECT_NE(r.error().fields[0].message.find("one.json"), std::string::npos);
  auto unnamed = InstrumentCatalog::Load(std::vector<std::string>{kTiny, "{"});
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().fields[0].field, "instruments[1]:(file)");
}

TEST(InstrumentCatalog, BuiltinHoldsTheTenShippedInstruments) {
  const auto& catalog = InstrumentCatalog::Builtin();
  std::vector<std::string> codes;
  for (const auto& d : catalog.All()) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"AUDIT", "AUDITC", "BAMR", "CAGEAID", "CSSRS_SCREEN", "DAST10", "GAD7",
                                             "PCL5", "PHQ2", "PHQ9"}));
  const std::map<std::string, int> intervals{{"PHQ9", 14}, {"GAD7", 14}, {"PCL5", 30}, {"BAMR", 30}};
  for (const auto& d : catalog.All()) {
    EXPECT_FALSE(d.copyright.empty()) << d.code;
    EXPECT_FALSE(d.license_note.empty()) << d.code;
    EXPECT_FALSE(d.version.empty()) << d.code;
    auto it = intervals.find(d.code);
    EXPECT_EQ(d.interval_days, it == intervals.end() ? 0 : it->second) << d.code;
    EXPECT_EQ(catalog.Find(d.code), &d);
  }
  EXPECT_EQ(catalog.Find("NOPE"), nullptr);
  EXPECT_EQ(catalog.DefinitionJson("NOPE"), "");
  EXPECT_EQ(catalog.SourceOf("PHQ9"), "phq9.json");
}

TEST(InstrumentCatalog, DefinitionJsonIsNormalizedAndLoadsBackTheSame) {
  const auto& catalog = InstrumentCatalog::Builtin();
  for (const auto& d : catalog.All()) {
    const std::string& text = catalog.DefinitionJson(d.code);
    json::object o = json::parse(text).as_object();
    EXPECT_EQ(o.at("code").as_string(), d.code);
    for (const char* key : {"name", "version", "copyright", "license_note", "loinc_panel", "loinc_total"}) {
      EXPECT_TRUE(o.at(key).is_string()) << d.code << " " << key;
    }
    EXPECT_EQ(o.at("items").as_array().size(), d.items.size());
    for (const auto& item : o.at("items").as_array()) {
      const auto& io = item.as_object();
      EXPECT_TRUE(io.at("options").is_array()) << d.code;  // option sets expanded
      for (const char* key : {"id", "text", "loinc", "required", "scored", "show_when"}) {
        EXPECT_TRUE(io.contains(key)) << d.code << " " << key;
      }
    }
    auto again = ParseDefinition({"normalized", text});
    ASSERT_TRUE(again.ok()) << d.code << " " << again.error().message;
    EXPECT_EQ(InstrumentCatalog::Load(std::vector<DefinitionSource>{{"n", text}})->DefinitionJson(d.code), text);
  }
  json::object phq9 = json::parse(catalog.DefinitionJson("PHQ9")).as_object();
  const auto& q1 = phq9.at("items").as_array()[0].as_object();
  EXPECT_EQ(q1.at("loinc").as_string(), "44250-9");
  EXPECT_EQ(q1.at("options").as_array()[3].as_object().at("loinc").as_string(), "LA6571-9");
  EXPECT_EQ(q1.at("options").as_array()[3].as_object().at("value").as_int64(), 3);
  EXPECT_EQ(phq9.at("scales").as_array()[0].as_object().at("max").as_int64(), 27);
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() / ("sw-instruments-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(path_ / name) << text; }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(InstrumentCatalog, OverridesFromADirectoryAddAndReplace) {
  const auto& builtin = InstrumentCatalog::Builtin();
  std::string phq2 = builtin.DefinitionJson("PHQ2");
  // The Arroll 2010 cut-off: positive at >= 2.
  for (auto [from, to] : {std::pair<std::string, std::string>{R"("min":3,"max":6)", R"("min":2,"max":6)"},
                          {R"("min":0,"max":2})", R"("min":0,"max":1})"}}) {
    auto at = phq2.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    phq2.replace(at, from.size(), to);
  }
  TempDir dir;
  dir.Write("phq2-arroll.json", phq2);
  dir.Write("tiny.json", kTiny);
  dir.Write("README.txt", "not a definition");
  auto r = builtin.WithOverrides(dir.path());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->All().size(), builtin.All().size() + 1);
  ASSERT_NE(r->Find("TINY"), nullptr);
  EXPECT_EQ(r->SourceOf("PHQ2"), "phq2-arroll.json");
  Answers two{{"q1", "1"}, {"q2", "1"}};
  EXPECT_EQ(Score(*r->Find("PHQ2"), two, {})->band_code, "positive");
  EXPECT_EQ(Score(*builtin.Find("PHQ2"), two, {})->band_code, "negative");  // the built-in one is untouched
}

TEST(InstrumentCatalog, OverrideErrorsNameTheFile) {
  TempDir dir;
  dir.Write("broken.json", Tiny(R"("severity": "warning")", R"("severity": "severe")"));
  auto r = InstrumentCatalog::Builtin().WithOverrides(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "broken.json:flags[0].severity");
  EXPECT_FALSE(InstrumentCatalog::Builtin().WithOverrides(dir.path() + "/missing").ok());
}

}  // namespace
}  // namespace stepwise::assessment
