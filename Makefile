# Build targets for `sam build` (template.yaml: `Metadata: BuildMethod: makefile`, `CodeUri: .`).
#
# SAM's own Maven builder copies only a function's CodeUri folder, which breaks a multi-module build
# (the parent pom and the shared module sit outside each function's folder). Here SAM runs
# `make build-<LogicalId>` at the project root instead; ARTIFACTS_DIR is the function's folder under
# .aws-sam/build. The Lambda Java runtime puts lib/*.jar on the classpath, so the function's shaded jar
# goes to $(ARTIFACTS_DIR)/lib/.
#
# SAM calls make once per function. When a function's jar is missing or older than a pom or main
# source, one Maven reactor rebuilds all four jars, so the next three calls find theirs up to date
# (jars that `./ltv test` or `./ltv build` just built count too).
# Runs with GNU make 3.81+ (macOS's make too).

MODULES := ingest-purchase recalculate-ltv query-ltv fit-model

# The JDK 25+ that ./ltv selects (the system default java may be older).
JAVA_HOME := $(shell ./ltv java-home)
ifeq ($(JAVA_HOME),)
$(error no JDK 25 or newer found: install one, or set JAVA_HOME to it)
endif
export JAVA_HOME

MVN := ./mvnw -B -ntp -q
COMMA := ,
EMPTY :=
SPACE := $(EMPTY) $(EMPTY)
MODULE_LIST := $(subst $(SPACE),$(COMMA),$(addprefix functions/,$(MODULES)))

JARS := $(foreach m,$(MODULES),functions/$(m)/target/$(m)-lambda.jar)
# What goes into the function jars: the poms, the Maven config, and the main sources of shared and functions.
SOURCES := $(shell find pom.xml .mvn shared functions \( -name target -o -path '*/src/test' \) -prune -o -type f -print 2>/dev/null)

.PHONY: jars clean-jars build-IngestPurchaseFunction build-RecalculateLtvFunction build-QueryLtvFunction build-FitModelFunction

jars: $(JARS)

$(JARS): $(SOURCES)
	$(MVN) -DskipTests -pl $(MODULE_LIST) -am package

clean-jars:
	rm -f $(JARS)

# copy-jar,<module>: the module's shaded jar into the function's artifacts folder.
define copy-jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$(1)/target/$(1)-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

build-IngestPurchaseFunction: functions/ingest-purchase/target/ingest-purchase-lambda.jar
	$(call copy-jar,ingest-purchase)

build-RecalculateLtvFunction: functions/recalculate-ltv/target/recalculate-ltv-lambda.jar
	$(call copy-jar,recalculate-ltv)

build-QueryLtvFunction: functions/query-ltv/target/query-ltv-lambda.jar
	$(call copy-jar,query-ltv)

build-FitModelFunction: functions/fit-model/target/fit-model-lambda.jar
	$(call copy-jar,fit-model)
