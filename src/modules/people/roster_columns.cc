#include "modules/people/internal/roster_columns.h"

namespace peixun::people {

const std::vector<io::ColumnSpec>& RosterColumns() {
  static const std::vector<io::ColumnSpec> kColumns = {
      {"name", "姓名", {"学员姓名", "full name"}, true},
      {"gender", "性别", {"sex"}, false},
      {"ethnicity", "民族", {"nation"}, false},
      {"birth_date",
       "出生日期",
       {"出生年月", "生日", "birthdate", "birthday", "date of birth"},
       false},
      {"unit", "单位", {"工作单位", "所在单位", "单位名称", "organization", "org"}, true},
      {"position", "职务", {"现任职务", "title", "post"}, false},
      {"rank", "职级", {"干部职级", "level"}, false},
      {"phone", "手机号", {"手机", "手机号码", "联系电话", "电话", "mobile"}, false},
      {"id_number", "身份证号", {"身份证号码", "公民身份号码", "身份证", "id", "id card"}, false},
      {"party_join_date", "入党日期", {"入党时间", "party date", "joined party"}, false},
      {"tags", "标签", {"tag"}, false},
  };
  return kColumns;
}

}  // namespace peixun::people
