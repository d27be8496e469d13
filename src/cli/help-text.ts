export const EXIT_CODES_HELP = `
Exit codes:
  0  nothing at or above --fail-on (default: critical)
  1  findings at or above --fail-on
  2  usage error or bad input file
  3  cluster unreachable or target not found
  4  internal error (a bug; please report it)

Examples:
  k8sdiag pod shop/web-7d9f8c-x2kq
  k8sdiag deploy shop/web --output markdown >> "$GITHUB_STEP_SUMMARY"
  k8sdiag snapshot pod shop/web-7d9f8c-x2kq -o web.json
  k8sdiag diagnose --from web.json --output json
  k8sdiag scan -A
`;
