package dev.jclaw.testkit.memory;

import java.util.List;

/**
 * Sentence pairs for the rule that merges near duplicates: pairs that differ only in what makes a fact another fact
 * (a name, a number, a host, a path, a version, a date, an environment, a negation; English and Chinese), and pairs
 * that say the same thing again.
 */
public final class MergePairs {
    /** Pairs that differ only in what makes a fact another fact: each must be stored twice. */
    public static final List<List<String>> DIFFERENT = List.of(
            List.of("The PagerDuty contract renews every August; Daniel is the account owner.",
                    "The Figma contract renews every March; Sofia is the account owner."),
            List.of("The PagerDuty contract renews every August; Daniel is the account owner.",
                    "The Sentry contract renews every March; Daniel is the account owner."),
            List.of("Daniel is the account owner of the billing service",
                    "Sofia is the account owner of the billing service"),
            List.of("The staging Redis port is 6380", "The staging Redis port is 6379"),
            List.of("The cache runs on redis-prod-3.internal", "The cache runs on redis-prod-4.internal"),
            List.of("We deploy billing with Jenkins", "We deploy billing with GitLab"),
            List.of("the database of the staging environment is postgres",
                    "the database of the production environment is postgres"),
            List.of("Deploy from the path /srv/app/releases", "Deploy from the path /srv/api/releases"),
            List.of("The API gateway runs version v2.4.1", "The API gateway runs version v2.4.2"),
            List.of("The team meeting is every monday at ten", "The team meeting is every tuesday at ten"),
            List.of("Send incident reports to ops@example.com", "Send incident reports to sre@example.com"),
            List.of("The status page is at https://status.example.com",
                    "The status page is at https://status.example.org"),
            List.of("Backups run daily on the billing database", "Backups run weekly on the billing database"),
            List.of("The on-call phone is answered by AWS support", "The on-call phone is answered by GCP support"),
            List.of("Deploys are allowed on Fridays", "Deploys are not allowed on Fridays"),
            List.of("Deploys are allowed on Fridays", "Deploys aren't allowed on Fridays"),
            List.of("The release was on 2026-11-03", "The release was on 2026-11-04"),
            List.of("周末值班由张伟负责", "周末值班由李娜负责"),
            List.of("合同每年三月续签", "合同每年八月续签"),
            List.of("例会在周三下午开", "例会在周五下午开"),
            List.of("发布日期是3月5日", "发布日期是5月3日"),
            List.of("生产环境的缓存是 Redis", "生产环境的缓存是 Memcached"),
            List.of("生产环境的缓存是redis", "测试环境的缓存是redis"),
            List.of("团队用飞书沟通", "团队用钉钉沟通"),
            List.of("数据库端口是5432", "数据库端口是5433"),
            List.of("网关版本是 v2.4.1", "网关版本是 v2.5.0"),
            List.of("王小明负责账单服务", "王小红负责账单服务"),
            List.of("周五可以发布", "周五不可以发布"),
            List.of("配置文件在 /etc/jclaw/jclaw.json", "配置文件在 /etc/jclaw/app.json"));

    /** The same fact said again, reworded but with the same identifiers. */
    public static final List<List<String>> SAME = List.of(
            List.of("The staging Redis port is 6380", "Staging Redis listens on port 6380"),
            List.of("Deploys go through Jenkins", "All deploys go through Jenkins"),
            List.of("Daniel is the account owner for PagerDuty", "The account owner for PagerDuty is Daniel"),
            List.of("The cache runs on redis-prod-3.internal.", "the cache runs on redis-prod-3.internal"),
            List.of("Sofia's team owns the billing service", "Sofia owns the billing service with her team"),
            List.of("周末值班由张伟负责", "张伟负责周末值班"),
            List.of("生产环境的缓存是 Redis", "生产环境的缓存是Redis。"),
            List.of("数据库端口是5432", "数据库的端口是 5432"));

    private MergePairs() {
    }
}
