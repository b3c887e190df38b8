# The R peer of `pollcmp lead 58 31 --n 1000 --format csv`: the same row from base R.
a <- 0.58; b <- 0.31; n <- 1000
d <- a - b; se <- sqrt((a + b - d^2) / n); z <- qnorm(0.975); zs <- d / se
cat(sprintf("%s,%s,%d,%d,wald,0.95,%s,%s,%s,%s,%s,%s,%s,%s\n", a*100, b*100, n, n, d*100, se*100, z*se*100,
            (d - z*se)*100, (d + z*se)*100, zs, 2*pnorm(-abs(zs)), pnorm(zs)))
