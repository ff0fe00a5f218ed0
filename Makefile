# Build targets for `sam build` (template.yaml: `Metadata: BuildMethod: makefile`, `CodeUri: .`).
#
# SAM's own Maven builder copies only a function's CodeUri folder, which breaks a multi-module build
# (the parent pom and the shared module sit outside each function's folder). Here SAM runs
# `make build-<LogicalId>` at the project root instead; ARTIFACTS_DIR is the function's folder under
# .aws-sam/build. The Lambda Java runtime puts lib/*.jar on the classpath, so the function's shaded jar
# goes to $(ARTIFACTS_DIR)/lib/.
#
# SAM calls make once per function. One Maven reactor builds all four jars the first time; a stamp
# file newer than every source lets the other three calls skip Maven.
# Runs with GNU make 3.81+ (macOS's make too).

MODULES := ingest-purchase recalculate-ltv query-ltv fit-model

# The JDK 21+ that ./ltv selects (the system default java may be older).
JAVA_HOME := $(shell ./ltv java-home)
export JAVA_HOME

MVN := ./mvnw -B -ntp -q
COMMA := ,
EMPTY :=
SPACE := $(EMPTY) $(EMPTY)
MODULE_LIST := $(subst $(SPACE),$(COMMA),$(addprefix functions/,$(MODULES)))

JARS := $(foreach m,$(MODULES),functions/$(m)/target/$(m)-lambda.jar)
MISSING_JARS := $(filter-out $(wildcard $(JARS)),$(JARS))
# Everything that goes into the function jars: poms, the Maven config and the sources of shared and functions.
SOURCES := $(shell find pom.xml .mvn shared functions -name target -prune -o -type f -print 2>/dev/null)
STAMP := functions/target/sam-jars.stamp

.PHONY: jars clean-jars FORCE build-IngestPurchaseFunction build-RecalculateLtvFunction build-QueryLtvFunction build-FitModelFunction

jars: $(STAMP)

$(STAMP): $(SOURCES) $(if $(MISSING_JARS),FORCE)
	$(MVN) -DskipTests -pl $(MODULE_LIST) -am package
	@mkdir -p $(dir $@)
	@touch $@

FORCE:

clean-jars:
	rm -f $(STAMP) $(JARS)

# copy-jar,<module>: the module's shaded jar into the function's artifacts folder.
define copy-jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$(1)/target/$(1)-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

build-IngestPurchaseFunction: $(STAMP)
	$(call copy-jar,ingest-purchase)

build-RecalculateLtvFunction: $(STAMP)
	$(call copy-jar,recalculate-ltv)

build-QueryLtvFunction: $(STAMP)
	$(call copy-jar,query-ltv)

build-FitModelFunction: $(STAMP)
	$(call copy-jar,fit-model)
