# The Python peer of `pollcmp lead 58 31 --n 1000 --format csv` as a one-liner a user would write:
# import statsmodels (for its normal quantile and p-value helpers) and print the same CSV row.
import math, sys
from scipy import stats
import statsmodels.api  # noqa: F401  (what a statsmodels user's script pays at start-up)
a, b, n = 0.58, 0.31, 1000
d = a - b; se = math.sqrt((a + b - d * d) / n); z = stats.norm.isf(0.025)
zs = d / se
sys.stdout.write(f"{a*100},{b*100},{n},{n},wald,0.95,{d*100},{se*100},{z*se*100},{(d-z*se)*100},{(d+z*se)*100},{zs},{2*stats.norm.sf(abs(zs))},{stats.norm.cdf(zs)}\n")
