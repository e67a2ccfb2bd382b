// An analysis that cannot give a verdict on the input it was given (exit 2), as opposed to a verdict of "no".
export class AnalysisError extends Error {
  override name = "AnalysisError";
}
