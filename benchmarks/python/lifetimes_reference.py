# The Python reference (lifetimes 0.11.3) on CDNOW, for BENCHMARKS.md. Run in a throwaway virtualenv:
#   python3 -m venv venv && venv/bin/pip install lifetimes && venv/bin/python lifetimes_reference.py cdnow_transactions.csv
# Same calibration as the Java tests: ends 1997-09-30 inclusive, time in weeks = days / 7.
import sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data
tx = pd.read_csv(sys.argv[1], parse_dates=['date'])
s = summary_data_from_transaction_data(tx, 'customer_id', 'date', monetary_value_col='amount',
                                       observation_period_end='1997-09-30', freq='D')
s['recency'] /= 7.0; s['T'] /= 7.0
print(len(s), (s.frequency > 0).sum())
def fit():
    b = BetaGeoFitter(penalizer_coef=0.0); b.fit(s['frequency'], s['recency'], s['T']); return b
b = fit(); print(b.params_, b._negative_log_likelihood_ if hasattr(b,'_negative_log_likelihood_') else b.log_likelihood_)
times = []
for i in range(15):
    t0 = time.perf_counter(); fit(); times.append(time.perf_counter() - t0)
times.sort(); print("bgnbd fit ms: min %.1f median %.1f" % (times[0]*1e3, times[len(times)//2]*1e3))
r = s[(s.frequency > 0) & (s.monetary_value > 0)]
g = GammaGammaFitter(penalizer_coef=0.0); g.fit(r['frequency'], r['monetary_value']); print(len(r), g.params_)
times = []
for i in range(15):
    t0 = time.perf_counter(); GammaGammaFitter(penalizer_coef=0.0).fit(r['frequency'], r['monetary_value']); times.append(time.perf_counter() - t0)
times.sort(); print("gg fit ms: min %.1f median %.1f" % (times[0]*1e3, times[len(times)//2]*1e3))
t0 = time.perf_counter()
clv = g.customer_lifetime_value(b, s['frequency'], s['recency'], s['T'], s['monetary_value'], time=12, discount_rate=0.01, freq='W')
dt = time.perf_counter() - t0
print("clv for %d customers: %.1f ms -> %.0f customers/s" % (len(s), dt*1e3, len(s)/dt))
print(clv.head(2))
