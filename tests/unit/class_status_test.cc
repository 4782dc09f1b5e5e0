// The class lifecycle: allowed and refused transitions, codes and labels.
#include <gtest/gtest.h>

#include "modules/classes/class_status.h"

namespace peixun::classes {
namespace {

constexpr ClassStatus kAll[] = {ClassStatus::kPlanning, ClassStatus::kEnrolling,
                                ClassStatus::kRunning, ClassStatus::kFinished,
                                ClassStatus::kArchived};

TEST(ClassStatusTest, CodesRoundTrip) {
  for (ClassStatus s : kAll) {
    EXPECT_EQ(ParseClassStatus(ClassStatusCode(s)), s);
    EXPECT_FALSE(ClassStatusLabel(s).empty());
  }
  EXPECT_EQ(ClassStatusCode(ClassStatus::kEnrolling), "enrolling");
  EXPECT_EQ(ClassStatusLabel(ClassStatus::kArchived), "已归档");
  EXPECT_FALSE(ParseClassStatus("done").has_value());
  EXPECT_FALSE(ParseClassStatus("").has_value());
}

TEST(ClassStatusTest, ForwardPathIsAllowed) {
  EXPECT_TRUE(CanTransition(ClassStatus::kPlanning, ClassStatus::kEnrolling));
  EXPECT_TRUE(CanTransition(ClassStatus::kEnrolling, ClassStatus::kRunning));
  EXPECT_TRUE(CanTransition(ClassStatus::kRunning, ClassStatus::kFinished));
  EXPECT_TRUE(CanTransition(ClassStatus::kFinished, ClassStatus::kArchived));
}

TEST(ClassStatusTest, TwoStepsBack) {
  EXPECT_TRUE(CanTransition(ClassStatus::kEnrolling, ClassStatus::kPlanning));
  EXPECT_TRUE(CanTransition(ClassStatus::kFinished, ClassStatus::kRunning));
  EXPECT_FALSE(CanTransition(ClassStatus::kRunning, ClassStatus::kEnrolling));
}

TEST(ClassStatusTest, RefusedTransitions) {
  EXPECT_FALSE(CanTransition(ClassStatus::kPlanning, ClassStatus::kRunning));
  EXPECT_FALSE(CanTransition(ClassStatus::kPlanning, ClassStatus::kArchived));
  EXPECT_FALSE(CanTransition(ClassStatus::kRunning, ClassStatus::kArchived));
  for (ClassStatus s : kAll) {
    EXPECT_FALSE(CanTransition(s, s));
    EXPECT_FALSE(CanTransition(ClassStatus::kArchived, s)) << "archived is final";
  }
  Status st = CheckTransition(ClassStatus::kPlanning, ClassStatus::kFinished);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "classes.status.transition");
  EXPECT_EQ(st.error().kind, ErrorKind::kConflict);
  EXPECT_NE(st.error().message.find("筹备中"), std::string::npos);
  EXPECT_NE(st.error().message.find("已结业"), std::string::npos);
  EXPECT_TRUE(CheckTransition(ClassStatus::kPlanning, ClassStatus::kEnrolling).ok());
}

TEST(ClassStatusTest, NextStatuses) {
  EXPECT_EQ(NextStatuses(ClassStatus::kEnrolling),
            (std::vector<ClassStatus>{ClassStatus::kPlanning, ClassStatus::kRunning}));
  EXPECT_EQ(NextStatuses(ClassStatus::kFinished),
            (std::vector<ClassStatus>{ClassStatus::kRunning, ClassStatus::kArchived}));
  EXPECT_TRUE(NextStatuses(ClassStatus::kArchived).empty());
}

TEST(ClassStatusTest, EnrollmentAndEditing) {
  EXPECT_TRUE(CanChangeEnrollment(ClassStatus::kPlanning));
  EXPECT_TRUE(CanChangeEnrollment(ClassStatus::kEnrolling));
  EXPECT_TRUE(CanChangeEnrollment(ClassStatus::kRunning));
  EXPECT_FALSE(CanChangeEnrollment(ClassStatus::kFinished));
  EXPECT_FALSE(CanChangeEnrollment(ClassStatus::kArchived));
  for (ClassStatus s : kAll) EXPECT_EQ(CanEdit(s), s != ClassStatus::kArchived);
}

}  // namespace
}  // namespace peixun::classes
