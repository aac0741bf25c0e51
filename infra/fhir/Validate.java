import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates every *.json FHIR R5 resource under a directory with HAPI FHIR's instance validator,
 * offline: core definitions from hapi-fhir-validation-resources-r5, HL7 terminology from the same jar.
 * Prints each error and warning, then one summary line `fhir-validation: N resources, N errors, N warnings`.
 * Exit code 1 when any resource has an error (or fatal).
 */
public class Validate {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: Validate <directory of FHIR R5 JSON resources>");
      System.exit(2);
    }
    FhirContext ctx = FhirContext.forR5();
    NpmPackageValidationSupport terminology = new NpmPackageValidationSupport(ctx);
    terminology.loadPackageFromClasspath("classpath:org/hl7/fhir/r5/packages/hl7.terminology-5.1.0.tgz");
    UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
    unknownCodeSystems.setNonExistentCodeSystemSeverity(
        ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(ctx),
        terminology,
        new CommonCodeSystemsTerminologyService(ctx),
        new InMemoryTerminologyServerValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx),
        unknownCodeSystems);
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    module.setNoTerminologyChecks(false);
    FhirValidator validator = ctx.newValidator().registerValidatorModule(module);

    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    int errors = 0;
    int warnings = 0;
    for (Path file : files) {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      ValidationResult result = validator.validateWithResult(json);
      for (SingleValidationMessage m : result.getMessages()) {
        ResultSeverityEnum severity = m.getSeverity();
        boolean error = severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL;
        if (error) errors++;
        if (severity == ResultSeverityEnum.WARNING) warnings++;
        if (error || severity == ResultSeverityEnum.WARNING) {
          System.out.println(severity + " " + file.getFileName() + " " + m.getLocationString() + ": " + m.getMessage());
        }
      }
    }
    System.out.println("fhir-validation: " + files.size() + " resources, " + errors + " errors, " + warnings + " warnings");
    System.exit(errors > 0 ? 1 : 0);
  }
}
